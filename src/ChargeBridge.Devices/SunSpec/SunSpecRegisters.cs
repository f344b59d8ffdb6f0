namespace ChargeBridge.Devices.SunSpec;

/// <summary>
/// The SunSpec register layout this driver reads, from the SunSpec Information Model Specification and the published
/// model definitions (models 1, 101-103, 201-204). Offsets count from the first register after a model's ID and
/// length registers.
/// </summary>
internal static class SunSpecRegisters
{
    /// <summary>Where a SunSpec map may start: 40000 is the usual base, 0 and 50000 the alternatives the spec allows.</summary>
    public static readonly ushort[] BaseAddresses = [40000, 0, 50000];

    /// <summary>"SunS" in ASCII, in the two registers at the base address.</summary>
    public const uint Marker = 0x53756e53;

    /// <summary>The ID that ends the chain of models.</summary>
    public const ushort EndId = 0xFFFF;

    /// <summary>More models than this in one chain means the chain is garbage.</summary>
    public const int MaxModels = 100;

    /// <summary>Common model 1: strings of two ASCII characters per register, NUL-padded.</summary>
    public static class Common
    {
        public const ushort Id = 1;
        public const int Manufacturer = 0, ModelName = 16, Options = 32, Version = 40, Serial = 48;
        public const int LongText = 16, ShortText = 8;

        /// <summary>Registers read: Mn, Md, Opt, Vr and SN.</summary>
        public const int Count = 64;
    }

    /// <summary>Inverter models 101 (single phase), 102 (split phase), 103 (three phase), integer and scale factor; length 50.</summary>
    public static class Inverter
    {
        public const ushort SinglePhase = 101, SplitPhase = 102, ThreePhase = 103;
        public const int A = 0, AphA = 1, ASf = 4;
        public const int PhVphA = 8, VSf = 11;
        public const int W = 12, WSf = 13;
        public const int Hz = 14, HzSf = 15;
        public const int Wh = 22, WhSf = 24;

        /// <summary>Registers read each time: up to WH_SF.</summary>
        public const int Count = 25;

        public const int Length = 50;

        public static bool Is(ushort id) => id is SinglePhase or SplitPhase or ThreePhase;

        public static int Phases(ushort id) => id - SinglePhase + 1;
    }

    /// <summary>Meter models 201 (single phase), 202 (split phase), 203 (wye), 204 (delta), integer and scale factor;
    /// length 105.</summary>
    public static class Meter
    {
        public const ushort SinglePhase = 201, SplitPhase = 202, Wye = 203, Delta = 204;
        public const int A = 0, AphA = 1, ASf = 4;
        public const int PhV = 5, PhVphA = 6, VSf = 13;
        public const int Hz = 14, HzSf = 15;
        public const int W = 16, WphA = 17, WSf = 20;
        public const int TotWhExp = 36, TotWhImp = 44, TotWhSf = 52;

        /// <summary>Registers read each time: up to TotWh_SF.</summary>
        public const int Count = 53;

        public const int Length = 105;

        public static bool Is(ushort id) => id is >= SinglePhase and <= Delta;

        public static int Phases(ushort id) => id switch { SinglePhase => 1, SplitPhase => 2, _ => 3 };
    }
}

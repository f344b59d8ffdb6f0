// Home Assistant's official JS client against a server under test. Prints one JSON line per step on stdout:
// {"step":"connected"}, {"step":"entities",...} on every update, {"step":"service-seen"} when the effect of its own
// service call arrived. Exits 0 when it saw a later change of the watched sensor and its own service's effect.
import WebSocket from "ws";
import { createConnection, createLongLivedTokenAuth, subscribeEntities, callService } from "home-assistant-js-websocket";

const [url, token, sensorId, switchId] = process.argv.slice(2);
globalThis.WebSocket = WebSocket;
const say = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
setTimeout(() => { say({ step: "timeout" }); process.exit(1); }, 20000);

const conn = await createConnection({ auth: createLongLivedTokenAuth(url, token) });
say({ step: "connected", haVersion: conn.haVersion });

let initialSensor;
let calledService = false;
subscribeEntities(conn, (entities) => {
  const sensor = entities[sensorId];
  const sw = entities[switchId];
  say({ step: "entities", sensor: sensor?.state, sensorAttributes: sensor?.attributes, switch: sw?.state });
  if (initialSensor === undefined) { initialSensor = sensor?.state; return; }
  if (!calledService && sensor && sensor.state !== initialSensor) {
    calledService = true;
    say({ step: "sensor-changed", state: sensor.state });
    callService(conn, "input_boolean", "turn_on", { entity_id: switchId }).catch((e) => { say({ step: "error", error: String(e?.message ?? e) }); process.exit(1); });
  }
  if (calledService && sw?.state === "on") {
    say({ step: "service-seen" });
    conn.close();
    process.exit(0);
  }
});

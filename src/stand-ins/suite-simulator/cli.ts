// npm run simulator: the Suite simulator on https://localhost:8204 (control API on 8299).
import { parseArgs } from 'node:util';
import { startSimulator } from './simulator';

const USAGE = `Usage: npm run simulator [-- --port 8204] [--control-port 8299] [--self-signed] [--origin <origin> ...]
  The Suite simulator (contract v1) on https://localhost:<port>, its control API on http://localhost:<control-port>.
  --self-signed   serve a self-signed certificate instead of one from the development CA
  --origin        a browser origin to allow (CORS and WebSocket Origin); repeat for more`;

const { values } = parseArgs({
    options: {
        help: { type: 'boolean', default: false },
        port: { type: 'string', default: '8204' },
        'control-port': { type: 'string', default: '8299' },
        'self-signed': { type: 'boolean', default: false },
        origin: { type: 'string', multiple: true, default: [] }
    }
});

if (values.help) {
    console.log(USAGE);
    process.exit(0);
}

startSimulator({
    port: Number(values.port),
    controlPort: Number(values['control-port']),
    selfSigned: values['self-signed'],
    config: values.origin && values.origin.length > 0 ? { allowedOrigins: values.origin } : undefined
}).then(
    (simulator) => {
        console.log(`Suite simulator: ${simulator.url} (API key dev-key-123, agent alice@example.com)`);
        console.log(`Control API:     ${simulator.controlUrl}/_sim/...`);
        console.log(`Development CA:  .certs/dev-ca.cert.pem (SPKI sha256 ${simulator.ca.spkiSha256})`);
        const stop = () => {
            void simulator.stop().then(() => process.exit(0));
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
    },
    (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    }
);

// npm run simulator: the Suite simulator on https://localhost:8204 (control API on 8299).
import { parseArgs } from 'node:util';
import { startSimulator } from './server';

const { values } = parseArgs({
    options: {
        port: { type: 'string', default: '8204' },
        'control-port': { type: 'string', default: '8299' },
        'self-signed': { type: 'boolean', default: false },
        origin: { type: 'string', multiple: true, default: [] }
    }
});

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

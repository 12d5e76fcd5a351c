// npm start: builds what is stale, then runs the Suite simulator and the workbench (an emulated
// Lightning console with the softphone in its utility bar) on this machine; with `--backend oai`, the
// OAI bridge in front of the OAI PBX simulator instead of the Suite simulator.
import { buildVoiceWorkbench, buildWorkbench } from './workbench-build.mjs';
import { startStack } from '../src/workbench/stack';
import { startOaiStack } from '../src/workbench/oaiStack';
import { startVoiceStack, voiceBanner } from '../src/workbench/voice/voiceStack';
import { usageOrExit } from './usage.mjs';

const USAGE =
    'Usage: npm start [-- --backend suite|oai] [-- --voice]\n  Builds what is stale, starts the Suite simulator (or, with --backend oai, the OAI bridge and the OAI PBX simulator) and the workbench on this machine and prints the URL.\n  --voice: an emulated Salesforce Voice container framing the connector page instead of the Open CTI console.\n  Environment: WORKBENCH_PORT (default 8443), SUITE_PORT (default 8204).';

/** `--backend oai` or `--backend suite`, taken out of the arguments; the rest go to usageOrExit. */
function backendArgument(args: string[]): { backend: 'suite' | 'oai'; rest: string[] } {
    const at = args.indexOf('--backend');
    if (at < 0) return { backend: 'suite', rest: args };
    const value = args[at + 1];
    if (value !== 'suite' && value !== 'oai') {
        console.error(`--backend takes suite or oai, not ${value ?? 'nothing'}\n${USAGE}`);
        process.exit(1);
    }
    return { backend: value, rest: [...args.slice(0, at), ...args.slice(at + 2)] };
}

const { backend, rest: afterBackend } = backendArgument(process.argv.slice(2));
const voice = afterBackend.includes('--voice');
const rest = afterBackend.filter((arg) => arg !== '--voice');
usageOrExit(USAGE, rest);

async function mainVoice(): Promise<void> {
    await buildVoiceWorkbench();
    const stack = await startVoiceStack({
        port: Number(process.env.WORKBENCH_PORT ?? 8443),
        suitePort: Number(process.env.SUITE_PORT ?? 8204),
        controlPort: Number(process.env.SUITE_CONTROL_PORT ?? 8299)
    });
    console.log(voiceBanner(stack));
    const stop = () => {
        void stack.stop().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}

async function mainOai(): Promise<void> {
    const stack = await startOaiStack({
        port: Number(process.env.WORKBENCH_PORT ?? 8443),
        bridgePort: Number(process.env.SUITE_PORT ?? 8204)
    });
    console.log(`Workbench ready, with the OAI bridge.

  Open:            ${stack.workbench.consoleUrl}
  OAI bridge:      https://localhost:${stack.bridge.server.port}  (health /api/v1/health)
  OAI simulator:   127.0.0.1:${stack.pbx.port} (stations 2001-2003, hunt group 2100, trunk access code ${stack.pbx.pbx.trunkAccessCode})
  Agent:           ${stack.emulator.agentEmail}, extension ${stack.extension}, API key dev-key-123
  Outside prefix:  ${stack.emulator.settings['/reqDialingOptions/reqOutsidePrefix'] || '(none)'}  (the call center's Dialing Options; the workbench's settings change it)

Open the console in a throwaway Chromium profile that trusts the development CA for this session only:
  chromium --user-data-dir=$(mktemp -d) --ignore-certificate-errors-spki-list=${stack.spkiSha256} ${stack.workbench.consoleUrl}

Press Ctrl-C to stop.`);
    const stop = () => {
        void stack.stop().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
    if (voice) return mainVoice();
    const built = await buildWorkbench();
    if (built.length > 0) console.log(`Built: ${built.join(', ')}`);
    if (backend === 'oai') return mainOai();
    const started = Date.now();
    const stack = await startStack({
        port: Number(process.env.WORKBENCH_PORT ?? 8443),
        suitePort: Number(process.env.SUITE_PORT ?? 8204),
        controlPort: Number(process.env.SUITE_CONTROL_PORT ?? 8299)
    });
    console.log(`Workbench ready in ${Date.now() - started} ms.

  Open:            ${stack.workbench.consoleUrl}
  Suite simulator: ${stack.simulator.url}  (control API ${stack.simulator.controlUrl}/_sim)
  Agent:           ${stack.emulator.agentEmail}, extension 2001, API key dev-key-123

The pages use certificates from the development CA in .certs/. Open them in a throwaway Chromium
profile that trusts that CA for this session only (do not add the CA to your own browser):
  chromium --user-data-dir=$(mktemp -d) --ignore-certificate-errors-spki-list=${stack.spkiSha256} ${stack.workbench.consoleUrl}

Press Ctrl-C to stop.`);
    const stop = () => {
        void stack.stop().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});

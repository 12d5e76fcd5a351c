// npm start: builds what is stale, then runs the Suite simulator and the workbench (an emulated
// Lightning console with the softphone in its utility bar) on this machine.
import { buildWorkbench } from './workbench-build.mjs';
import { startStack } from '../src/workbench/stack';
import { usageOrExit } from './usage.mjs';

usageOrExit(
    'Usage: npm start\n  Builds what is stale, starts the Suite simulator and the workbench on this machine and prints the URL.\n  Environment: WORKBENCH_PORT (default 8443), SUITE_PORT (default 8204).'
);

async function main(): Promise<void> {
    const built = await buildWorkbench();
    if (built.length > 0) console.log(`Built: ${built.join(', ')}`);
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

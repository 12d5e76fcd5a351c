// The setup check view: runs the self-check (selfCheck.ts) on request, at most one run at a time,
// and lists next to its links the failures the softphone recorded that nobody was waiting on.
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import type { DiagnosticsSink } from '../../telephony/diagnostics';
import { runSelfCheck, uncheckedLinks } from './selfCheck';
import type { StartupProblem } from '../panel/panelProjection';
import type { SuiteSession } from '../../telephony/tabs/suiteSession';

export interface SetupCheckInputs {
    fetchSettings(): Promise<unknown>;
    /** The agent's email if start-up learnt it, else empty. */
    email: string;
    startupProblem: StartupProblem | undefined;
    checkServer(settings: SoftphoneSettings): Promise<{ version: string; features?: readonly string[] }>;
    suite: SuiteSession | undefined;
    automaticPopsSkipped: number;
    diagnostics: DiagnosticsSink;
}

export class SetupCheck {
    static readonly TIMEOUT_MS = 10_000;
    /** What the panel shows; undefined while the view is closed. */
    view: SoftphoneSelfCheck | undefined;

    readonly #changed: () => void;
    /** The self-check itself (checkLinks) comes with the second part of the core, loaded on the first run. */
    readonly #runner: () => Promise<typeof checkLinks>;

    constructor(changed: () => void, runner: () => Promise<typeof checkLinks>) {
        this.#changed = changed;
        this.#runner = runner;
    }

    async run(inputs: SetupCheckInputs): Promise<void> {
        if (this.view?.running) return;
        this.view = {
            running: true,
            checks: this.view?.checks ?? uncheckedLinks(),
            diagnostics: recorded(inputs.diagnostics)
        };
        this.#changed();
        let checkAll;
        try {
            checkAll = await this.#runner();
        } catch {
            // Its part of the core did not load (the loader recorded why and told the agent): nothing is checked.
            if (this.view)
                this.view = {
                    running: false,
                    checks: uncheckedLinks(),
                    diagnostics: recorded(inputs.diagnostics)
                };
            this.#changed();
            return;
        }
        const checks = await checkAll(inputs);
        // Closed while it ran: the agent no longer wants the answer.
        if (!this.view) return;
        this.view = { running: false, checks, diagnostics: recorded(inputs.diagnostics) };
        this.#changed();
    }

    close(): void {
        this.view = undefined;
        this.#changed();
    }
}

/** Walks the links with what the softphone knows; part of the second part of the core. */
export function checkLinks(inputs: SetupCheckInputs): Promise<SoftphoneCheck[]> {
    const problem = inputs.startupProblem;
    const client = inputs.suite?.client;
    return runSelfCheck({
        fetchSettings: inputs.fetchSettings,
        email: inputs.email
            ? inputs.email
            : {
                  problem:
                      problem?.code === 'userEmailUnavailable'
                          ? { code: problem.code, params: problem.params }
                          : { code: 'userEmailUnavailable', params: { detail: 'not known yet' } }
              },
        checkServer: inputs.checkServer,
        live: client &&
            inputs.suite && {
                connection: client.connection,
                user: client.user,
                pbxConnected: inputs.suite.pbxConnected,
                dropped: { ...inputs.suite.dropped(), automaticPops: inputs.automaticPopsSkipped }
            }
    });
}

function recorded(diagnostics: DiagnosticsSink): SoftphoneDiagnostic[] {
    return diagnostics.entries().map((entry) => ({ ...entry }));
}

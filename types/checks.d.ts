// Types for the plain-JavaScript check modules, so their tests are type-checked.
interface CheckProblem {
    file: string;
    line?: number | string;
    message: string;
}

interface CheckOutcome {
    ok: boolean;
    problems: CheckProblem[];
}

interface PlatformCheck {
    id: string;
    name: string;
    needsBuild: boolean;
    run(projectDir: string): Promise<CheckOutcome>;
}

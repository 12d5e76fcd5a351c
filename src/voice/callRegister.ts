// What the connector keeps per call between Salesforce's requests and the Suite's reports: the states
// its own commands will bring about (their reports are the result of a request, not events to publish
// again) and who waits for them, the consult calls, the numbers the agent dialled, and the new call a
// dial or consult is waiting for.
import type { Contact } from '@salesforce/scv-connector-base';
import type { CallState, SuiteCall } from '../core/suite/types';

interface Expectation {
    state: CallState;
    /** Called with the call as the Suite reported it, or undefined when it never did in time. */
    settle(call: SuiteCall | undefined): void;
}

/** How many dialled numbers are remembered: far more calls than a desk phone holds at once. */
const MAX_DIALLED = 50;

export class CallRegister {
    private readonly expected = new Map<string, Expectation>();
    /** Initial call → consult call. */
    private readonly consultOf = new Map<string, string>();
    /** Call → the contact Salesforce asked the connector to dial, as Salesforce gave it. */
    private readonly dialledContacts = new Map<string, Contact>();
    /** A dial or consult waiting for the Suite's report of the call it made. */
    claimNewCall: ((call: SuiteCall) => boolean) | undefined;

    /**
     * Expects a command to bring `callId` to `state`: resolves with the call as the Suite reports it,
     * or undefined when `timeoutMs` passes first. Its report is then not published again.
     */
    expect(callId: string, state: CallState, timeoutMs: number): Promise<SuiteCall | undefined> {
        this.expected.get(callId)?.settle(undefined);
        return new Promise((resolve) => {
            const timer = setTimeout(() => finish(undefined), timeoutMs);
            const finish = (call: SuiteCall | undefined) => {
                clearTimeout(timer);
                if (this.expected.get(callId) === expectation) this.expected.delete(callId);
                resolve(call);
            };
            const expectation: Expectation = { state, settle: finish };
            this.expected.set(callId, expectation);
        });
    }

    isExpected(callId: string, state: CallState): boolean {
        return this.expected.get(callId)?.state === state;
    }

    /** The Suite reported `call`: true when a command of ours brought this about (the command answers it). */
    consume(call: SuiteCall): boolean {
        const expectation = this.expected.get(call.callId);
        if (expectation?.state !== call.state) return false;
        expectation.settle(call);
        return true;
    }

    /** A command failed, or its goal was already reached before it was sent: nothing more to wait for. */
    settle(callId: string, state: CallState, call: SuiteCall | undefined): void {
        const expectation = this.expected.get(callId);
        if (expectation?.state === state) expectation.settle(call);
    }

    setConsult(initialId: string, consultId: string): void {
        this.consultOf.set(initialId, consultId);
    }

    consultFor(initialId: string): string | undefined {
        return this.consultOf.get(initialId);
    }

    /** The initial call a consult call was made from. */
    initialFor(consultId: string): string | undefined {
        return [...this.consultOf.entries()].find(([, consult]) => consult === consultId)?.[0];
    }

    rememberDialled(callId: string, contact: Contact): void {
        this.dialledContacts.set(callId, contact);
        if (this.dialledContacts.size > MAX_DIALLED)
            this.dialledContacts.delete(this.dialledContacts.keys().next().value as string);
    }

    dialled(callId: string): Contact | undefined {
        return this.dialledContacts.get(callId);
    }

    /** A call that ended: what was kept for it goes (its dialled number stays for its last events). */
    forget(callId: string): void {
        this.expected.get(callId)?.settle(undefined);
        this.consultOf.delete(callId);
        for (const [initial, consult] of this.consultOf)
            if (consult === callId) this.consultOf.delete(initial);
    }
}

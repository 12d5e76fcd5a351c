// What each intent of the panel does. Call commands go to the Suite (a refusal becomes a notice the
// agent reads); the rest go to the part of the host that owns them.
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import { SuiteError, type SuiteClient } from '../../suite/types';
import type { Diagnostics } from '../../telephony/diagnostics';
import { normaliseDialString } from '../../telephony/dialNumber';

/** The host as the intents see it. */
export interface IntentTarget {
    suite(): SuiteClient | undefined;
    settings(): SoftphoneSettings | undefined;
    /** The held caller of a consult call, if that consult call is live here. */
    heldPartyOf(consultCallId: string): string | undefined;
    /** A notice for the agent; `callId`: the call it is about (it goes when that call changes). */
    notify(code: SoftphoneMessageCode, params?: Record<string, string>, callId?: string): void;
    retry(): Promise<void>;
    dial(number: string): Promise<void>;
    /** The dial pad's text changed. */
    dialInput(number: string): void;
    dismissNotice(id: number): void;
    setNotes(callId: string, text: string): void;
    pop(callId: string): Promise<void>;
    openPhoneWindow(): void;
    runSelfCheck(): Promise<void>;
    closeSelfCheck(): void;
    retryLog(callObject: string): Promise<void>;
    dismissLog(callObject: string): void;
    /** The agent chose one of the call's records (during the call or in wrap-up). */
    pick(callId: string, recordId: string): Promise<void>;
    wrapUpChange(callId: string, field: 'subject' | 'result', value: string): void;
    wrapUpDone(callId: string, changes: SoftphoneWrapUpChanges): void;
    /** Calls back the number of a Recent entry. */
    callBack(callId: string): Promise<void>;
    /** Opens a record or a Task in the console (screenPop SOBJECT). */
    openRecord(recordId: string): Promise<void>;
    historySeen(): void;
    diagnostics: Diagnostics;
}

const RECORD_ID = /^[a-zA-Z0-9]{15,18}$/;
const TASK_ID = /^00T[a-zA-Z0-9]{12,15}$/;

/** Opens a record whose Id has the shape asked for; any other value is recorded, not sent to Salesforce. */
function openChecked(target: IntentTarget, kind: string, id: unknown, shape: RegExp): Promise<void> {
    if (typeof id === 'string' && shape.test(id)) return target.openRecord(id);
    target.diagnostics.record(`intent.${kind}`, new Error('not a Salesforce Id of that kind'));
    return Promise.resolve();
}

/** How often, and how far apart, the original caller is asked back after a cancelled consult. */
export const RETRIEVE_ATTEMPTS = 20;
const RETRIEVE_PAUSE_MS = 100;

export async function routeIntent(intent: SoftphoneIntent, target: IntentTarget): Promise<void> {
    switch (intent.type) {
        case 'retry':
            return target.retry();
        case 'dial':
            return target.dial(String(intent.number ?? ''));
        case 'dialinput':
            return target.dialInput(String(intent.number ?? ''));
        case 'dismissnotice':
            return target.dismissNotice(Number(intent.id));
        case 'notes':
            return target.setNotes(intent.callId, intent.text);
        case 'pop':
            return target.pop(intent.callId);
        case 'phonewindow':
            return target.openPhoneWindow();
        case 'selfcheck':
            return target.runSelfCheck();
        case 'closeselfcheck':
            return target.closeSelfCheck();
        case 'retrylog':
            return target.retryLog(intent.callObject);
        case 'dismisslog':
            return target.dismissLog(intent.callObject);
        case 'pick':
            return target.pick(intent.callId, intent.recordId);
        case 'wrapupchange':
            if (intent.field !== 'subject' && intent.field !== 'result') return;
            return target.wrapUpChange(intent.callId, intent.field, String(intent.value ?? ''));
        case 'wrapupdone':
            return target.wrapUpDone(intent.callId, wrapUpChanges(intent.changes));
        case 'callback':
            return target.callBack(intent.callId);
        case 'openrecord':
            return openChecked(target, 'openrecord', intent.recordId, RECORD_ID);
        case 'opentask':
            return openChecked(target, 'opentask', intent.taskId, TASK_ID);
        case 'historyseen':
            return target.historySeen();
        default:
            return commandSuite(intent, target);
    }
}

/** The intents that are commands to the phone system: a refusal becomes a notice the agent reads. */
type CallIntent = Extract<
    SoftphoneIntent,
    {
        type:
            | 'answer'
            | 'hangup'
            | 'hold'
            | 'retrieve'
            | 'dnd'
            | 'transfer'
            | 'consult'
            | 'completetransfer'
            | 'canceltransfer';
    }
>;

/**
 * What the agent reads when the phone system refused a request: the reason in words, never its code
 * (the code goes to the diagnostics the setup check lists).
 */
export function refusalNotice(
    error: unknown,
    fallback: 'commandFailed' | 'dialFailed'
): { code: SoftphoneMessageCode; params?: Record<string, string> } {
    const code = error instanceof SuiteError ? error.code : undefined;
    const params = error instanceof SuiteError ? error.params : {};
    switch (code) {
        case 'invalidState':
        case 'callNotFound':
            return { code: fallback === 'dialFailed' ? fallback : 'callChanged' };
        case 'deviceBusy':
            return { code: 'phoneBusy' };
        case 'deviceUnavailable':
            return { code: 'phoneUnavailable' };
        case 'suiteUnreachable':
        case 'sessionExpired':
        case 'localNetworkRefused':
            return { code: 'notConnected' };
        case 'pbxLinkDown':
        case 'rateLimited':
            return { code, params: { host: params.host ?? '', port: params.port ?? '' } };
        default:
            return { code: fallback };
    }
}

async function commandSuite(intent: CallIntent, target: IntentTarget): Promise<void> {
    const suite = target.suite();
    if (!suite) return;
    const callId =
        'callId' in intent
            ? intent.callId
            : intent.type === 'canceltransfer'
              ? intent.consultCallId
              : undefined;
    const command = async (action: () => Promise<void>) => {
        try {
            await action();
        } catch (error) {
            target.diagnostics.record(`command.${intent.type}`, error);
            const notice = refusalNotice(error, 'commandFailed');
            target.notify(notice.code, notice.params, callId);
        }
    };
    switch (intent.type) {
        case 'answer':
            return command(() => suite.answer(intent.callId));
        case 'hangup':
            return command(() => suite.clear(intent.callId));
        case 'hold':
            return command(() => suite.hold(intent.callId));
        case 'retrieve':
            return command(() => suite.retrieve(intent.callId));
        case 'dnd':
            return command(() => suite.setDnd(intent.enabled));
        case 'transfer':
        case 'consult': {
            const target_ = normaliseDialString(intent.to, target.settings() as SoftphoneSettings);
            if (!target_.ok) {
                target.notify(target_.reason, { number: intent.to.slice(0, 64) }, intent.callId);
                return;
            }
            const dial = target_.dial;
            return command(() =>
                intent.type === 'transfer'
                    ? suite.blindTransfer(intent.callId, dial)
                    : suite.consult(intent.callId, dial)
            );
        }
        case 'completetransfer':
            return command(() => suite.completeTransfer(intent.callId, intent.consultCallId));
        case 'canceltransfer': {
            const held = target.heldPartyOf(intent.consultCallId);
            return command(async () => {
                await suite.clear(intent.consultCallId);
                if (held) await retrieveWhenFree(suite, held, target.diagnostics);
            });
        }
    }
}

/**
 * After cancelling a consult call, takes the original caller off hold once the line is free. If
 * the line stays busy, the caller stays on hold (the agent sees the call held and can retrieve it)
 * and the give-up is recorded for the setup check.
 */
export async function retrieveWhenFree(
    suite: Pick<SuiteClient, 'retrieve'>,
    callId: string,
    diagnostics: Diagnostics,
    pauseMs = RETRIEVE_PAUSE_MS
): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < RETRIEVE_ATTEMPTS; attempt++) {
        try {
            await suite.retrieve(callId);
            return;
        } catch (error) {
            if (!(error instanceof SuiteError) || error.code !== 'deviceBusy') throw error;
            lastError = error;
            await new Promise((resolve) => setTimeout(resolve, pauseMs));
        }
    }
    diagnostics.record('transfer.retrieveAfterCancel', lastError);
}

/** Only the wrap-up fields the panel may change, as text. */
function wrapUpChanges(changes: unknown): SoftphoneWrapUpChanges {
    const given = (changes && typeof changes === 'object' ? changes : {}) as Record<string, unknown>;
    const picked: SoftphoneWrapUpChanges = {};
    for (const field of ['notes', 'result', 'subject'] as const)
        if (typeof given[field] === 'string') picked[field] = given[field];
    return picked;
}

export function errorText(error: unknown): string {
    if (error instanceof SuiteError) return error.code;
    return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}

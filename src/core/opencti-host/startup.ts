// Who the agent is and how the call center is set up, asked of Salesforce once at start-up (two
// Open CTI requests), or of the Lightning tab that opened the phone window.
import type { PlatformNames } from './adapter/platformNames';
import type { OpenCtiClient } from './opencti/openCtiClient';
import type { PhoneWindowIdentitySource } from './popout/phoneWindow';
import { parseCallCenterSettings, settingMessage } from '../telephony/settings/parse';
import type { SoftphoneSettings } from '../telephony/settings/schema';
import { errorText } from './panel/intents';
import type { StartupProblem } from './panel/panelProjection';

export type Identity =
    | { ok: true; email: string; rawSettings: Record<string, unknown>; settings: SoftphoneSettings }
    | { ok: false; problem: StartupProblem; email?: string };

const fail = (code: SoftphoneMessageCode, params: Record<string, string>, email?: string): Identity => ({
    ok: false,
    problem: { code, params, canRetry: true },
    email
});

export function withSettings(email: string, rawSettings: unknown): Identity {
    const parsed = parseCallCenterSettings(rawSettings);
    if (!parsed.ok)
        return { ok: false, problem: { ...settingMessage(parsed.errors[0]), canRetry: true }, email };
    return {
        ok: true,
        email,
        rawSettings: rawSettings as Record<string, unknown>,
        settings: parsed.settings
    };
}

/**
 * The Salesforce user's email (runApex) and the call center settings (getCallCenterSettings), asked
 * side by side: neither waits for the other's round trip. A missing email is told before bad settings.
 */
export async function identifyInSalesforce(opencti: OpenCtiClient, names: PlatformNames): Promise<Identity> {
    const [emailAnswer, settingsAnswer] = await Promise.allSettled([
        opencti.runApex(names.apexClass('SoftphoneIdentity'), 'getUserEmail', {}, { startup: true }),
        opencti.callWhenReady('getCallCenterSettings')
    ]);
    if (emailAnswer.status === 'rejected')
        return fail('userEmailUnavailable', { detail: errorText(emailAnswer.reason) });
    const email = emailAnswer.value.trim();
    if (!email) return fail('userEmailUnavailable', { detail: 'empty email' });
    if (settingsAnswer.status === 'rejected')
        return fail(
            'openCtiUnavailable',
            { method: 'getCallCenterSettings', detail: errorText(settingsAnswer.reason) },
            email
        );
    return withSettings(email, settingsAnswer.value);
}

/** The phone window: the agent and the settings from the tab that opened it; no Open CTI. */
export async function identifyFromOpener(source: PhoneWindowIdentitySource): Promise<Identity> {
    try {
        const identity = await source.identity();
        return withSettings(identity.email.trim(), identity.settings);
    } catch (error) {
        return fail('phoneWindowWithoutTab', { detail: errorText(error) });
    }
}

import '../../../../../../test/support/englishLabels';
import { createElement } from '@lwc/engine-dom';
import SelfCheck from 'c/softphoneSelfCheck';
import fixtureFile from '../../softphone/__tests__/fixtures/states.json';

const { states } = fixtureFile as unknown as { states: Record<string, SoftphonePanelState> };

type SelfCheckElement = HTMLElement & { selfCheck?: SoftphoneSelfCheck };
type Icon = HTMLElement & { iconName?: string; variant?: string; alternativeText?: string };

function render(selfCheck: SoftphoneSelfCheck | undefined): SelfCheckElement {
    const element = createElement('c-softphone-self-check', { is: SelfCheck }) as SelfCheckElement;
    element.selfCheck = selfCheck;
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

interface Row {
    id: string | undefined;
    icon: string | undefined;
    result: string | undefined;
    label: string | undefined;
    detail: string | undefined;
    note: string | undefined;
    remedy: string | undefined;
}

function rows(element: Element): Row[] {
    return Array.from(element.shadowRoot?.querySelectorAll<HTMLElement>('li[data-link]') ?? []).map((row) => {
        const icon = row.querySelector('lightning-icon') as Icon | null;
        const text = (id: string) => row.querySelector(`[data-id="${id}"]`)?.textContent?.trim();
        return {
            id: row.dataset.link,
            icon: icon?.iconName,
            result: icon?.alternativeText,
            label: text('link-label'),
            detail: text('link-detail'),
            note: text('link-note'),
            remedy: text('link-remedy')
        };
    });
}

const summary = (element: Element) =>
    element.shadowRoot?.querySelector('[data-id="summary"]')?.textContent?.trim();
const runAgain = (element: Element) =>
    element.shadowRoot?.querySelector('[data-id="run-again"]') as
        (HTMLElement & { disabled?: boolean }) | null;

describe('c-softphone-self-check', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('shows every link in order, green, with what was found', async () => {
        const element = render(states.selfCheckPassed.selfCheck);
        await flush();
        const shown = rows(element);
        expect(shown.map((row) => row.id)).toEqual([
            'inSoftphone',
            'openCti',
            'userEmail',
            'settings',
            'localNetwork',
            'suiteReachable',
            'suiteVersion',
            'apiKey',
            'userFound',
            'licence',
            'primaryExtension',
            'eventChannel',
            'pbxLink'
        ]);
        expect(shown.every((row) => row.icon === 'utility:success' && row.result === 'Passed')).toBe(true);
        expect(shown.find((row) => row.id === 'suiteVersion')).toMatchObject({
            label: 'Suite release 5.2 or later',
            detail: '6.1.0'
        });
        expect(shown.find((row) => row.id === 'primaryExtension')?.detail).toBe('2001');
        expect(shown.some((row) => row.remedy)).toBe(false);
        expect(summary(element)).toBe('Every link passed: the softphone is ready to take calls.');
    });

    it('shows the failed link red with its remedy, and the links after it as not checked', async () => {
        const element = render(states.selfCheckFailed.selfCheck);
        await flush();
        const shown = rows(element);
        const licence = shown.find((row) => row.id === 'licence');
        expect(licence).toMatchObject({
            icon: 'utility:error',
            result: 'Failed',
            remedy: 'Your user nolicence@example.com has no Phone Manager API licence on the Suite at suite.example.com:8204. Ask your admin to assign one; Phone Manager Professional and Team Leader include it.'
        });
        expect(shown.slice(shown.indexOf(licence as Row) + 1).map((row) => [row.icon, row.result])).toEqual(
            Array(3).fill(['utility:dash', 'Not checked'])
        );
        expect(summary(element)).toBe('Fix this first: Phone Manager API licence');
    });

    it('says it is still running and holds the run-again button meanwhile', async () => {
        const element = render(states.selfCheckRunning.selfCheck);
        await flush();
        expect(summary(element)).toBe('Checking each link…');
        expect(runAgain(element)?.disabled).toBe(true);
        element.selfCheck = states.selfCheckPassed.selfCheck;
        await flush();
        expect(runAgain(element)?.disabled).toBe(false);
    });

    it('does not claim success while some links are unknown', async () => {
        const checks: SoftphoneCheck[] = (states.selfCheckPassed.selfCheck as SoftphoneSelfCheck).checks.map(
            (check) => {
                if (check.id !== 'pbxLink') return check;
                return { id: check.id, result: 'notChecked' };
            }
        );
        const element = render({ running: false, checks });
        await flush();
        expect(summary(element)).toBe(
            'No link failed, but some could not be checked yet. Check again in a moment.'
        );
    });

    it('says under the sign-in link which mode runs and what it allows', async () => {
        const host = { host: 'bridge.example.com', port: '8204' };
        const element = render({
            running: false,
            checks: [
                {
                    id: 'settings',
                    result: 'pass',
                    note: { code: 'settingNoLongerRead', params: { setting: 'Assertion Certificate' } }
                },
                {
                    id: 'apiKey',
                    result: 'pass',
                    detail: 'signedAssertion',
                    note: { code: 'signInPerAgent', params: { ...host, extension: '2001' } }
                }
            ]
        });
        await flush();
        const [settings, signIn] = rows(element);
        expect(signIn).toMatchObject({
            detail: 'signedAssertion',
            note: 'Signed sign-in: Salesforce signs each sign-in for you, and the phone server at bridge.example.com:8204 lets you control your own extension 2001 only. If that is not your desk phone, tell your admin.',
            remedy: undefined
        });
        expect(settings.note).toBe(
            'The call center setting "Assertion Certificate" is no longer read: Salesforce now takes it from the MiVoice Assertion Setting, which only an admin can change. Ask your admin to copy the value there and to empty the call center setting.'
        );
        element.selfCheck = {
            running: false,
            checks: [
                {
                    id: 'apiKey',
                    result: 'pass',
                    detail: 'apiKey',
                    note: { code: 'signInSharedKey', params: host }
                }
            ]
        };
        await flush();
        expect(rows(element)[0].note).toBe(
            'Shared API key: anyone who has the key can sign in to the phone server at bridge.example.com:8204 as any user and control any extension. Ask your admin to switch to signed sign-ins.'
        );
    });

    it('renders details from the Suite as text', async () => {
        const element = render({
            running: false,
            checks: [{ id: 'userFound', result: 'pass', detail: '<b onclick="x()">Eve</b>' }]
        });
        await flush();
        const detail = element.shadowRoot?.querySelector('[data-id="link-detail"]');
        expect(detail?.textContent?.trim()).toBe('<b onclick="x()">Eve</b>');
        expect(detail?.querySelector('b')).toBeNull();
    });

    it('announces its outcome politely', async () => {
        const element = render(states.selfCheckFailed.selfCheck);
        await flush();
        expect(element.shadowRoot?.querySelector('[data-id="summary"]')?.getAttribute('aria-live')).toBe(
            'polite'
        );
    });

    it.each(['selfCheckPassed', 'selfCheckRunning', 'selfCheckFailed'])('is accessible: %s', async (name) => {
        const element = render(states[name].selfCheck);
        await flush();
        await expect(element).toBeAccessible();
    });

    it('lists what the softphone recorded without telling the agent, under the links, and nothing when there is none', async () => {
        const passed = states.selfCheckPassed.selfCheck as SoftphoneSelfCheck;
        const at = new Date(2026, 11, 1, 14, 5, 9).getTime();
        const element = render({
            ...passed,
            diagnostics: [
                { at, operation: 'opencti.refreshView', detail: 'NOT_AVAILABLE' },
                { at, operation: 'transfer.retrieveAfterCancel', detail: 'deviceBusy' }
            ]
        });
        await flush();
        const section = element.shadowRoot?.querySelector('[data-id="diagnostics"]');
        expect(section?.getAttribute('aria-label')).toBe(
            'Recorded in this tab (requests that failed without an error on screen)'
        );
        const lines = Array.from(section?.querySelectorAll('[data-id="diagnostic"]') ?? []).map((line) =>
            line.textContent?.trim()
        );
        const time = new Date(at).toLocaleTimeString();
        expect(lines).toEqual([
            `${time} opencti.refreshView: NOT_AVAILABLE`,
            `${time} transfer.retrieveAfterCancel: deviceBusy`
        ]);
        element.selfCheck = { ...passed, diagnostics: [] };
        await flush();
        expect(element.shadowRoot?.querySelector('[data-id="diagnostics"]')).toBeNull();
    });
});

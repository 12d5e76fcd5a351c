import '../../../../../../test/support/englishLabels';
import { createElement } from '@lwc/engine-dom';
import StatusLine from 'c/softphoneStatus';

type StatusElement = HTMLElement & { status?: SoftphoneStatus; agent?: SoftphonePanelState['agent'] };

const ALICE = { displayName: 'Alice Agent', extension: '2001', email: 'alice@example.com' };

function render(status: SoftphoneStatus, agent: SoftphonePanelState['agent'] = ALICE): StatusElement {
    const element = createElement('c-softphone-status', { is: StatusLine }) as StatusElement;
    element.status = status;
    element.agent = agent;
    document.body.appendChild(element);
    return element;
}

async function flush(): Promise<void> {
    await Promise.resolve();
    await Promise.resolve();
}

const phaseText = (element: Element) =>
    element.shadowRoot?.querySelector('[data-id="phase-text"]')?.textContent?.trim();
const icon = (element: Element) =>
    element.shadowRoot?.querySelector('[data-id="activity-icon"]') as unknown as {
        iconName?: string;
        variant?: string;
    } | null;

describe("c-softphone-status: the agent's state while connected", () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it.each<[SoftphoneActivity, string, string, string, string | undefined]>([
        ['ready', 'Ready · Alice Agent, extension 2001', 'Ready', 'utility:success', 'success'],
        ['ringing', 'Ringing · Alice Agent, extension 2001', 'Ringing', 'utility:incoming_call', 'warning'],
        ['dialing', 'Dialling · Alice Agent, extension 2001', 'Dialling', 'utility:outbound_call', undefined],
        ['onCall', 'On a call · Alice Agent, extension 2001', 'On a call', 'utility:call', undefined],
        ['onHold', 'On hold · Alice Agent, extension 2001', 'On hold', 'utility:pause', undefined],
        [
            'consulting',
            'Consulting · Alice Agent, extension 2001',
            'Consulting',
            'utility:forward',
            undefined
        ],
        ['wrapUp', 'Wrap-up · Alice Agent, extension 2001', 'Wrap-up', 'utility:edit_form', undefined],
        ['dnd', 'Do not disturb · Alice Agent, extension 2001', 'Do not disturb', 'utility:ban', 'warning']
    ])(
        '%s: says so, with and without the agent, behind its own icon',
        async (activity, withAgent, plain, iconName, variant) => {
            const element = render({ phase: 'ready', activity, canRetry: false });
            await flush();
            expect(phaseText(element)).toBe(withAgent);
            expect(icon(element)?.iconName).toBe(iconName);
            expect(icon(element)?.variant).toBe(variant);
            expect(element.shadowRoot?.querySelector('[data-id="retry"]')).toBeNull();
            await expect(element).toBeAccessible();
            element.agent = undefined;
            await flush();
            expect(phaseText(element)).toBe(plain);
        }
    );

    it('follows the state from snapshot to snapshot', async () => {
        const element = render({ phase: 'ready', activity: 'onCall', canRetry: false });
        await flush();
        element.status = { phase: 'ready', activity: 'wrapUp', canRetry: false };
        await flush();
        expect(phaseText(element)).toBe('Wrap-up · Alice Agent, extension 2001');
        element.status = { phase: 'ready', canRetry: false };
        await flush();
        expect(phaseText(element)).toBe('Ready · Alice Agent, extension 2001');
    });

    it('lets a lost connection win over the state the core last sent', async () => {
        const element = render({ phase: 'reconnecting', activity: 'onCall', canRetry: false });
        await flush();
        expect(phaseText(element)).toBe('Reconnecting…');
    });
});

/** @jest-environment jsdom */
// The adapter page's start-up against Lightning Out as its documentation promises it: the
// Visualforce and Lightning Out samples hand the callback the created component, and nothing else.
import { bootAdapterPage, type LightningOut } from '../bootAdapterPage';

type Reply = [component: unknown, status?: string, errorMessage?: string];

/** A Lightning Out that renders the panel element, then answers the callback with `reply`. */
function lightningOut(reply: Reply, renders = true): LightningOut {
    return {
        use(_appName, callback) {
            callback();
        },
        createComponent(_type, _attributes, locator, callback) {
            if (renders) document.getElementById(locator)?.appendChild(document.createElement('c-softphone'));
            callback(...reply);
        }
    };
}

/** Boots the page; `steps` records the softphone's start, its panel attached, and its stop, in order. */
function boot(lightning: LightningOut) {
    document.body.innerHTML = '<div id="softphone-root"></div>';
    const steps: string[] = [];
    const started: HTMLElement[] = [];
    bootAdapterPage(
        {
            containerId: 'softphone-root',
            resourceUrl: '/resource/1/SoftphoneCore',
            extrasUrl: '/resource/1/SoftphoneExtras',
            lightning
        },
        (names) => {
            steps.push(`start ${names.panelTag}`);
            return {
                attach(panel) {
                    steps.push('attach');
                    started.push(panel);
                },
                stop: () => steps.push('stop')
            };
        }
    );
    return { steps, started, alert: document.querySelector('[role="alert"]')?.textContent ?? null };
}

describe('bootAdapterPage', () => {
    it.each<[string, Reply]>([
        ['the component alone, as the samples document', [{}]],
        ['the component and SUCCESS', [{}, 'SUCCESS']]
    ])('gives the softphone its panel when Lightning Out answers with %s', (_case, reply) => {
        const { started, steps, alert } = boot(lightningOut(reply));
        expect(alert).toBeNull();
        expect(started.map((panel) => panel.tagName)).toEqual(['C-SOFTPHONE']);
        expect(steps).toEqual(['start c-softphone', 'attach']);
    });

    it('starts the softphone before Lightning Out has loaded its application, not after', () => {
        let loaded = () => {};
        const slow: LightningOut = {
            use(_appName, callback) {
                loaded = callback;
            },
            createComponent: lightningOut([{}]).createComponent
        };
        const { steps } = boot(slow);
        // Lightning Out is still loading: the softphone is already finding the agent and connecting.
        expect(steps).toEqual(['start c-softphone']);
        loaded();
        expect(steps).toEqual(['start c-softphone', 'attach']);
    });

    it.each<[string, Reply, string]>([
        ['ERROR and its message', [null, 'ERROR', 'No access to c:softphone'], 'No access to c:softphone'],
        ['INCOMPLETE', [null, 'INCOMPLETE'], 'INCOMPLETE'],
        ['ERROR even with a component', [{}, 'ERROR'], 'ERROR'],
        ['no component and no status', [null], 'no component was created']
    ])('says the panel could not be created when Lightning Out answers %s', (_case, reply, detail) => {
        const { started, steps, alert } = boot(lightningOut(reply));
        expect(started).toEqual([]);
        expect(steps).toEqual(['start c-softphone', 'stop']);
        expect(alert).toContain(`The softphone panel could not be created (${detail})`);
    });

    it('says so when Lightning Out reports a component but none is on the page', () => {
        const { started, steps, alert } = boot(lightningOut([{}], false));
        expect(started).toEqual([]);
        expect(steps).toEqual(['start c-softphone', 'stop']);
        expect(alert).toContain('The softphone panel could not be created (no component was created)');
    });

    it('says so when Lightning Out did not load', () => {
        document.body.innerHTML = '<div id="softphone-root"></div>';
        bootAdapterPage(
            {
                containerId: 'softphone-root',
                resourceUrl: '/resource/1/SoftphoneCore',
                extrasUrl: '/resource/1/SoftphoneExtras',
                lightning: undefined
            },
            () => {
                throw new Error('must not start');
            }
        );
        expect(document.querySelector('[role="alert"]')?.textContent).toContain('Lightning Out did not load');
    });
});

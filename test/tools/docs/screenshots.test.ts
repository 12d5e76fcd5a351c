// The README's screenshots are the ones `npm run screenshots` writes, each from a fixture state the
// component tests use: a screenshot the list drops is not left behind, and none the README shows is
// missing from the list (so regenerating them refreshes every picture the README shows).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LIVE_SCREENSHOTS, PANEL_SIZE, SCREENSHOTS } from '../../../scripts/screenshotList';

const root = resolve(__dirname, '../../..');
const shots = join(root, 'docs/screenshots');
const fixtures = JSON.parse(
    readFileSync(join(root, 'force-app/main/default/lwc/softphone/__tests__/fixtures/states.json'), 'utf8')
) as { states: Record<string, SoftphonePanelState> };
const listed = [...SCREENSHOTS.map((shot) => shot.file), ...LIVE_SCREENSHOTS];
const shownIn = (file: string) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/screenshots\/([a-z-]+)\.png/g)].map(
        (match) => match[1]
    );

describe('screenshots', () => {
    it('are drawn at the Phone utility item’s 320×480', () => {
        expect(PANEL_SIZE).toEqual({ width: 320, height: 480 });
    });

    it.each(SCREENSHOTS.map((shot) => [shot.file, shot.state]))(
        '%s is drawn from the fixture state %s',
        (_file, state) => {
            expect(fixtures.states[state]).toBeDefined();
        }
    );

    it('are the files in docs/screenshots, no more and no fewer', () => {
        const files = readdirSync(shots)
            .filter((file) => file.endsWith('.png'))
            .map((file) => file.replace(/\.png$/, ''));
        expect(files.sort()).toEqual([...listed].sort());
        for (const file of listed) expect(existsSync(join(shots, `${file}.png`))).toBe(true);
    });

    it('include every one the README and the guides show', () => {
        const shown = ['README.md', 'docs/admin-guide.md', 'docs/agent-guide.md'].flatMap(shownIn);
        expect(shown.length).toBeGreaterThan(8);
        expect(shown.filter((file) => !listed.includes(file))).toEqual([]);
    });

    it('show the state the README names: ringing, consulting and wrap-up are not Ready', () => {
        const activityOf = (file: string) =>
            fixtures.states[SCREENSHOTS.find((shot) => shot.file === file)?.state ?? ''].status.activity;
        expect(activityOf('ringing-inbound')).toBe('ringing');
        expect(activityOf('consult-transfer')).toBe('consulting');
        expect(activityOf('wrap-up')).toBe('wrapUp');
        expect(activityOf('connected-single-match')).toBe('onCall');
    });
});

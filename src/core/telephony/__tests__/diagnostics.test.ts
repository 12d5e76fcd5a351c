import { Diagnostics, MAX_DIAGNOSTIC_ENTRIES, describeError } from '../diagnostics';

describe('Diagnostics', () => {
    it('records a failed request that nobody awaits, with its operation and reason', async () => {
        let now = 1000;
        const diagnostics = new Diagnostics(() => now);
        now = 2000;
        await diagnostics.settle('opencti.refreshView', Promise.reject(new Error('frame gone')));
        await diagnostics.settle('opencti.enableClickToDial', Promise.resolve('ok'));
        expect(diagnostics.entries()).toEqual([
            { at: 2000, operation: 'opencti.refreshView', detail: 'frame gone' }
        ]);
    });

    it('keeps only the newest entries', () => {
        const diagnostics = new Diagnostics(() => 0);
        for (let index = 0; index < MAX_DIAGNOSTIC_ENTRIES + 5; index++)
            diagnostics.record(`operation ${index}`, new Error('x'));
        const entries = diagnostics.entries();
        expect(entries).toHaveLength(MAX_DIAGNOSTIC_ENTRIES);
        expect(entries[0].operation).toBe('operation 5');
        expect(entries.at(-1)?.operation).toBe(`operation ${MAX_DIAGNOSTIC_ENTRIES + 4}`);
    });

    it('describes coded errors by their code and bounds any other text', () => {
        expect(describeError({ code: 'deviceBusy', message: 'the line is busy' })).toBe('deviceBusy');
        expect(describeError('x'.repeat(500))).toHaveLength(200);
    });
});

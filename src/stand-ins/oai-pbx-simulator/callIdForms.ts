// Call ids in the three forms the manual prints: `@001` (Issue 9.0 `_MC` examples), decimal such as
// `5484` (Delivered examples) and hex such as `1F01` (Answer Call example). The simulator gives the
// first to calls placed by Make Call, the second to outside calls to a station, the third to outside
// calls to a hunt group, so every form reaches the bridge. None is reused while its call lives.

export type CallIdForm = 'at' | 'decimal' | 'hex';

export class CallIdForms {
    private made = 0;
    private trunk = 5483;
    private internal = 0x1f00;

    next(form: CallIdForm, inUse: (callId: string) => boolean): string {
        for (let tries = 0; tries < 10_000; tries++) {
            const callId = this.candidate(form);
            if (!inUse(callId)) return callId;
        }
        throw new RangeError('no free call id');
    }

    reset(): void {
        this.made = 0;
        this.trunk = 5483;
        this.internal = 0x1f00;
    }

    private candidate(form: CallIdForm): string {
        switch (form) {
            case 'at':
                this.made = (this.made % 999) + 1;
                return `@${String(this.made).padStart(3, '0')}`;
            case 'decimal':
                this.trunk = this.trunk >= 99_999 ? 1000 : this.trunk + 1;
                return String(this.trunk);
            case 'hex':
                this.internal = this.internal >= 0xffff ? 0x1000 : this.internal + 1;
                return this.internal.toString(16).toUpperCase();
        }
    }
}

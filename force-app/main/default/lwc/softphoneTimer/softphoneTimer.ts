import { LightningElement, api } from 'lwc';
import { formatDuration, startTicker } from 'c/softphoneClock';

/** A live m:ss clock counting up from `since` (epoch ms). */
export default class SoftphoneTimer extends LightningElement {
    @api since = 0;
    /** Accessible name, for example "Call duration". */
    @api label = '';

    now = Date.now();
    private stopTicker?: () => void;

    override connectedCallback(): void {
        this.now = Date.now();
        this.stopTicker = startTicker(() => {
            this.now = Date.now();
        });
    }

    override disconnectedCallback(): void {
        this.stopTicker?.();
        this.stopTicker = undefined;
    }

    get text(): string {
        return formatDuration((this.now - this.since) / 1000);
    }
}

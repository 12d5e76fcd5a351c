import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { candidateDetail } from 'c/softphoneRecordInfo';
import { emitIntent } from 'c/softphoneIntent';

interface CandidateItem {
    key: string;
    name: string;
    detail: string;
    linked: boolean;
    /** aria-current on the linked one: 'true', or null to leave the attribute off. */
    current: string | null;
}

/**
 * The records a search found for a call, when there are several: the agent chooses the one the call
 * and its Task belong to, during the call or in wrap-up. The list comes from the snapshot only.
 */
export default class MatchList extends LightningElement {
    @api callId = '';
    @api match?: SoftphoneMatch;

    labels = LABELS;

    private get candidates(): SoftphoneMatchCandidate[] {
        return this.match?.candidates ?? [];
    }

    /** One record needs no choosing: the list is for two or more. */
    get hasChoice(): boolean {
        return this.candidates.length > 1;
    }

    get heading(): string {
        return formatLabel(LABELS.matchHeading, { count: this.candidates.length });
    }

    private get linkedId(): string | undefined {
        const match = this.match;
        return match?.pickedId ?? (match?.kind === 'single' ? match.recordId : undefined);
    }

    get items(): CandidateItem[] {
        const linkedId = this.linkedId;
        return this.candidates.map((candidate) => {
            const linked = candidate.recordId === linkedId;
            return {
                key: candidate.recordId,
                name: candidate.name,
                detail: candidateDetail(candidate),
                linked,
                current: linked ? 'true' : null
            };
        });
    }

    handlePick(event: Event): void {
        const recordId = (event.currentTarget as HTMLElement).dataset.recordId ?? '';
        if (!recordId || recordId === this.linkedId || !this.callId) return;
        emitIntent(this, { type: 'pick', callId: this.callId, recordId });
    }
}

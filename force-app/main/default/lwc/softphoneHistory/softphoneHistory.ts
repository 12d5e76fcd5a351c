import { LightningElement, api } from 'lwc';
import { LABELS, formatLabel } from 'c/softphoneLabels';
import { directionIcon, directionLabel, outcomeLabel } from 'c/softphoneCallInfo';
import { formatDuration } from 'c/softphoneClock';
import { emitIntent } from 'c/softphoneIntent';

interface HistoryItem {
    key: string;
    name: string;
    callBackText: string;
    directionText: string;
    directionIconName: string;
    startedAt: number;
    duration: string;
    result: string;
    missed: boolean;
    rowClass: string;
    recordId?: string;
    openRecordText: string;
    taskId?: string;
}

/**
 * The agent's recent calls, folded until opened. Opening the list tells the core the missed calls so far
 * are seen. A row calls back, opens its linked record or opens its Task; a missed call is marked.
 */
export default class RecentCalls extends LightningElement {
    @api history?: SoftphoneHistory;

    labels = LABELS;
    expanded = false;

    get unseenMissed(): number {
        return this.history?.unseenMissed ?? 0;
    }

    get hasUnseenMissed(): boolean {
        return this.unseenMissed > 0;
    }

    get missedCountText(): string {
        return formatLabel(LABELS.historyMissedCount, { count: this.unseenMissed });
    }

    get expandedText(): string {
        return this.expanded ? 'true' : 'false';
    }

    get toggleIcon(): string {
        return this.expanded ? 'utility:chevrondown' : 'utility:chevronright';
    }

    get hasEntries(): boolean {
        return this.items.length > 0;
    }

    get items(): HistoryItem[] {
        return (this.history?.entries ?? []).map((entry) => {
            const name = entry.name || entry.number;
            return {
                key: entry.callId,
                name,
                callBackText: formatLabel(LABELS.historyCallBack, { name }),
                directionText: directionLabel(entry.direction),
                directionIconName: directionIcon(entry.direction),
                startedAt: entry.startedAt,
                duration: formatDuration(entry.durationSeconds),
                // The call result picked in wrap-up, else how a call never answered ended.
                result: entry.result ?? (entry.outcome && !entry.missed ? outcomeLabel(entry.outcome) : ''),
                missed: entry.missed,
                rowClass: entry.missed
                    ? 'slds-item slds-p-around_xx-small missed'
                    : 'slds-item slds-p-around_xx-small',
                recordId: entry.record?.recordId,
                openRecordText: entry.record
                    ? formatLabel(LABELS.historyOpenRecord, { name: entry.record.name })
                    : '',
                taskId: entry.taskId
            };
        });
    }

    handleToggle(): void {
        this.expanded = !this.expanded;
        if (this.expanded && this.unseenMissed > 0) emitIntent(this, { type: 'historyseen' });
    }

    handleCallBack(event: Event): void {
        const callId = this.data(event, 'callId');
        if (callId) emitIntent(this, { type: 'callback', callId });
    }

    handleOpenRecord(event: Event): void {
        const recordId = this.data(event, 'recordId');
        if (recordId) emitIntent(this, { type: 'openrecord', recordId });
    }

    handleOpenTask(event: Event): void {
        const taskId = this.data(event, 'taskId');
        if (taskId) emitIntent(this, { type: 'opentask', taskId });
    }

    private data(event: Event, name: string): string {
        return (event.currentTarget as HTMLElement).dataset[name] ?? '';
    }
}

// The monitors running on an OAI link: device → Mon_Cross_Ref_ID, and back. Every event names the
// monitor it came under, so the way back is looked up once per event: a map, not a search.

/** What the link's users read: device → monitor id as a map, and the device of a monitor id. */
export interface MonitorView extends ReadonlyMap<string, string> {
    deviceOf(monCrossRefId: string): string | undefined;
}

export class MonitorIds extends Map<string, string> implements MonitorView {
    private readonly devices = new Map<string, string>();

    override set(device: string, monCrossRefId: string): this {
        const previous = super.get(device);
        if (previous !== undefined) this.devices.delete(previous);
        super.set(device, monCrossRefId);
        this.devices.set(monCrossRefId, device);
        return this;
    }

    override delete(device: string): boolean {
        const monCrossRefId = super.get(device);
        if (monCrossRefId !== undefined) this.devices.delete(monCrossRefId);
        return super.delete(device);
    }

    override clear(): void {
        this.devices.clear();
        super.clear();
    }

    deviceOf(monCrossRefId: string): string | undefined {
        return this.devices.get(monCrossRefId);
    }
}

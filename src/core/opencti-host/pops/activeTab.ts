// Which of the agent's tabs is in front. The softphone frame cannot see focus in the Lightning page
// around it, so each tab records itself as the active one when it becomes visible, gains focus or
// is used, and the record is shared through localStorage.
import { ACTIVE_TAB_KEY as KEY } from '../../telephony/storage/agentStorage';
import type { KeyValueStore } from '../../telephony/storage/keyValueStore';

export function trackActiveTab(storage: KeyValueStore, win: Window = window): () => boolean {
    const tabId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const markActive = () => storage.setItem(KEY, tabId);
    if (win.document.visibilityState === 'visible') markActive();
    win.document.addEventListener('visibilitychange', () => {
        if (win.document.visibilityState === 'visible') markActive();
    });
    win.addEventListener('focus', markActive);
    win.addEventListener('pointerdown', markActive, { capture: true });
    win.addEventListener('keydown', markActive, { capture: true });
    return () => win.document.hasFocus() || storage.getItem(KEY) === tabId;
}

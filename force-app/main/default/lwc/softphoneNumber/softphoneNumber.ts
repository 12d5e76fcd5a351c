// Turns what an agent types or pastes ("+44 (0)20 7946-0018", "tel:555 0100") into a dial string by
// dropping formatting only. Anything else (letters, a + in the middle) is kept, so the controller can
// tell the agent that the number cannot be dialled instead of the panel dialling something else.
const FORMATTING = /[\s\-.()/\u00a0]/g;

export function cleanDialString(raw: string): string {
    let text = raw.trim().replace(/^tel:/i, '');
    if (text.startsWith('+')) {
        // "+44 (0)20": the trunk zero in brackets is not dialled after a country code.
        text = text.replace(/\(\s*0\s*\)/, '');
    }
    return text.replace(FORMATTING, '');
}

// Turns what an agent types or pastes ("+44 (0)20 7946-0018", "tel:555 0100") into a dial string:
// digits, * and #, with + kept only at the start. Whether the number is dialable is the controller's call.
export function cleanDialString(raw: string): string {
    let text = raw.trim().replace(/^tel:/i, '');
    const international = text.startsWith('+');
    if (international) {
        // "+44 (0)20": the trunk zero in brackets is not dialled after a country code.
        text = text.replace(/\(\s*0\s*\)/, '');
    }
    const digits = text.replace(/[^0-9*#]/g, '');
    return international ? `+${digits}` : digits;
}

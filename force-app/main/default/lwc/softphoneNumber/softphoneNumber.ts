// Whether a number field holds something worth sending: at least one digit. The panel only enables
// Call (or Transfer) with it; the core builds the dial string from the text as the agent typed or
// pasted it, and says why when it cannot be dialled, so the panel never dials something else.
export function hasDialableInput(text: string | undefined): boolean {
    return /\d/.test(text ?? '');
}

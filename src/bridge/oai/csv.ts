// OAI lines are CSV whose text fields are delimited by `|` instead of quotes (docs/oai-protocol.md,
// "Lines"). There is no escape: a text field cannot hold `|`, a plain field cannot hold `,` or `|`.

/** A field the encoder must wrap in `|…|` (names, free text). */
export interface TextField {
    text: string;
}

export type Field = string | TextField;

export class OaiEncodeError extends RangeError {
    constructor(message: string) {
        super(message);
        this.name = 'OaiEncodeError';
    }
}

export function text(value: string): TextField {
    return { text: value };
}

export function joinFields(fields: readonly Field[]): string {
    return fields
        .map((field) => {
            if (typeof field === 'string') {
                if (/[,|\r\n]/.test(field)) {
                    throw new OaiEncodeError(
                        `OAI field must not contain , | CR or LF: ${JSON.stringify(field)}`
                    );
                }
                return field;
            }
            if (/[|\r\n]/.test(field.text)) {
                throw new OaiEncodeError(
                    `OAI text field must not contain | CR or LF: ${JSON.stringify(field.text)}`
                );
            }
            return `|${field.text}|`;
        })
        .join(',');
}

export type SplitResult = { ok: true; fields: string[] } | { ok: false; detail: string };

/** Splits on commas outside `|…|` and removes the delimiters, as the library's field reader does. */
export function splitFields(line: string): SplitResult {
    const fields: string[] = [];
    let current = '';
    let inText = false;
    for (const char of line) {
        if (char === '|') {
            inText = !inText;
        } else if (char === ',' && !inText) {
            fields.push(current);
            current = '';
        } else {
            current += char;
        }
    }
    if (inText) return { ok: false, detail: 'a text field opened with | is not closed' };
    fields.push(current);
    return { ok: true, fields };
}

// The MiVoice Voice Settings custom setting as Apex reads it where no admin has saved a record:
// MiVoice_Voice_Settings__c.getInstance() then holds each field's default value, taken here from the
// field definitions the package ships, so the emulated Apex starts from the package's defaults.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const FIELDS = resolve(__dirname, '../../../force-app/main/default/objects/MiVoice_Voice_Settings__c/fields');

export interface VoiceSettings {
    createVoiceCalls: boolean;
    contactCenter: string;
    certificate: string;
    maxVoiceCallsPerHour: number | null;
}

/** A field's <defaultValue> as Apex sees it: a formula, here a boolean, a number or a "string". */
function defaultOf(field: string): string | undefined {
    const xml = readFileSync(join(FIELDS, `${field}.field-meta.xml`), 'utf8');
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml) as {
        CustomField: { defaultValue?: string };
    };
    return parsed.CustomField.defaultValue;
}

function text(formula: string | undefined): string {
    if (formula === undefined) return '';
    const literal = /^"(.*)"$/.exec(formula.trim());
    if (!literal) throw new Error(`A text default must be a string literal, not ${formula}`);
    return literal[1];
}

export function shippedVoiceSettings(): VoiceSettings {
    const max = defaultOf('Max_Voice_Calls_Per_Hour__c');
    return {
        createVoiceCalls: defaultOf('Create_Voice_Calls__c') === 'true',
        contactCenter: text(defaultOf('Contact_Center__c')),
        certificate: text(defaultOf('Certificate__c')),
        maxVoiceCallsPerHour: max === undefined ? null : Number(max)
    };
}

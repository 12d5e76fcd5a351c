import {
    SETTINGS,
    settingPath,
    type SettingDefinition,
    type SettingProblem,
    type SoftphoneSettings
} from './schema';

export interface SettingError {
    /** The item name in the call center definition. */
    setting: string;
    /** The label the admin sees in Setup, so the message can name it. */
    label: string;
    problem: SettingProblem;
}

/** What the panel shows for a setting error: the problem, naming the setting as the admin sees it. */
export function settingMessage(error: SettingError): SoftphoneMessage {
    const { code, ...params } = error.problem;
    return { code, params: { ...params, setting: error.label } };
}

export type SettingsResult =
    { ok: true; settings: SoftphoneSettings } | { ok: false; errors: SettingError[] };

/**
 * Validates the flat `/section/item` → string map returned by getCallCenterSettings.
 * Every setting is checked, so the admin sees all problems at once. Values of the wrong type
 * (the map should hold strings only) are reported, not coerced.
 */
export function parseCallCenterSettings(raw: unknown): SettingsResult {
    const source: Record<string, unknown> =
        raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const settings: Partial<Record<keyof SoftphoneSettings, unknown>> = {};
    const errors: SettingError[] = [];

    // Settings whose need depends on others (the API key on the mode) are judged once all are read.
    const emptyUnlessNeeded: {
        definition: (typeof SETTINGS)[number];
        when: (settings: Partial<SoftphoneSettings>) => boolean;
    }[] = [];

    for (const definition of SETTINGS) {
        const value = source[settingPath(definition)];
        const text = value === undefined || value === null ? '' : value;
        const fail = (problem: SettingProblem) =>
            errors.push({ setting: definition.name, label: definition.label, problem });
        if (typeof text !== 'string') {
            fail({ code: definition.key === 'suitePort' ? 'settingNotPort' : 'settingMissing' });
            continue;
        }
        // An empty or absent value takes the schema default, so older definitions keep working; a
        // list the admin emptied on purpose (emptyIsValue) stays empty.
        const keepsEmpty =
            'emptyIsValue' in definition &&
            definition.emptyIsValue === true &&
            value !== undefined &&
            value !== null;
        const effective = text.trim() === '' && !keepsEmpty ? definition.defaultValue : text;
        const { required } = definition as { required: SettingDefinition['required'] };
        if (effective.trim() === '' && typeof required === 'function')
            emptyUnlessNeeded.push({ definition, when: required });
        else if (effective.trim() === '' && required) {
            fail({ code: 'settingMissing' });
            continue;
        }
        const parsed = (
            definition.parse as (input: string) => { value: unknown } | { problem: SettingProblem }
        )(effective);
        if ('problem' in parsed) fail(parsed.problem);
        else settings[definition.key] = parsed.value;
    }
    for (const { definition, when } of emptyUnlessNeeded) {
        if (when(settings as Partial<SoftphoneSettings>))
            errors.push({
                setting: definition.name,
                label: definition.label,
                problem: { code: 'settingMissing' }
            });
    }
    // Errors in the table's order, as the admin sees the settings in Setup.
    const order = SETTINGS.map((definition) => definition.name as string);
    errors.sort((a, b) => order.indexOf(a.setting) - order.indexOf(b.setting));

    return errors.length > 0 ? { ok: false, errors } : { ok: true, settings: settings as SoftphoneSettings };
}

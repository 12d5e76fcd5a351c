// The Phone utility item in a Lightning app's utility bar, as Metadata API files: the app
// (CustomApplication) names its utility bar, a FlexiPage of type UtilityBar whose utilityItems region
// holds one component instance per item; the Open CTI softphone is the component opencti:softPhone.

export const SOFTPHONE_COMPONENT = 'opencti:softPhone';

const decorator = (name, value) =>
    [
        '                <componentInstanceProperties>',
        `                    <name>${name}</name>`,
        '                    <type>decorator</type>',
        `                    <value>${value}</value>`,
        '                </componentInstanceProperties>'
    ].join('\n');

// Height and width match the call center's softphone size; eager loads the softphone with the app, so an
// incoming call rings in the panel before the agent ever opens it.
const SOFTPHONE_ITEM = [
    '        <itemInstances>',
    '            <componentInstance>',
    decorator('eager', 'true'),
    decorator('height', '480'),
    decorator('icon', 'call'),
    decorator('label', 'Phone'),
    decorator('scrollable', 'true'),
    decorator('width', '320'),
    `                <componentName>${SOFTPHONE_COMPONENT}</componentName>`,
    '                <identifier>opencti_softPhone</identifier>',
    '            </componentInstance>',
    '        </itemInstances>'
].join('\n');

/** The utility bar FlexiPage an app names, or undefined when it has none. */
export function utilityBarOf(appXml) {
    return /<utilityBar>\s*([^<\s]+)\s*<\/utilityBar>/.exec(appXml)?.[1];
}

export function hasSoftphone(flexiPageXml) {
    return flexiPageXml.includes(`<componentName>${SOFTPHONE_COMPONENT}</componentName>`);
}

/** The utility bar with the Phone item added at the end of its utility items (unchanged if it has one). */
export function withSoftphone(flexiPageXml) {
    if (hasSoftphone(flexiPageXml)) return flexiPageXml;
    const regionName = /(\n\s*)<name>utilityItems<\/name>/.exec(flexiPageXml);
    if (regionName) {
        const at = regionName.index;
        return `${flexiPageXml.slice(0, at)}\n${SOFTPHONE_ITEM}${flexiPageXml.slice(at)}`;
    }
    const open = /<FlexiPage[^>]*>/.exec(flexiPageXml);
    if (!open) throw new Error('not a FlexiPage metadata file');
    const at = open.index + open[0].length;
    const region = `\n    <flexiPageRegions>\n${SOFTPHONE_ITEM}\n        <name>utilityItems</name>\n        <type>Region</type>\n    </flexiPageRegions>`;
    return `${flexiPageXml.slice(0, at)}${region}${flexiPageXml.slice(at)}`;
}

/** A new utility bar holding only the Phone item. */
export function newUtilityBar(label) {
    return withSoftphone(
        [
            '<?xml version="1.0" encoding="UTF-8" ?>',
            '<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">',
            `    <masterLabel>${label}</masterLabel>`,
            '    <template>',
            '        <name>one:utilityBarTemplateDesktop</name>',
            '    </template>',
            '    <type>UtilityBar</type>',
            '</FlexiPage>',
            ''
        ].join('\n')
    );
}

/** The app naming `flexiPage` as its utility bar (utilityBar comes before workspaceConfig in the schema). */
export function withUtilityBar(appXml, flexiPage) {
    if (utilityBarOf(appXml))
        return appXml.replace(/<utilityBar>[^<]*<\/utilityBar>/, `<utilityBar>${flexiPage}</utilityBar>`);
    const before = /^[ \t]*<workspaceConfig>/m.exec(appXml) ?? /^<\/CustomApplication>/m.exec(appXml);
    if (!before) throw new Error('not a CustomApplication metadata file');
    return `${appXml.slice(0, before.index)}    <utilityBar>${flexiPage}</utilityBar>\n${appXml.slice(before.index)}`;
}

// Every metadata file is checked against the Metadata API type schema (the WSDL-derived schema
// shipped with jsforce): well-formed XML, the metadata namespace, no unknown, missing, repeated or
// out-of-order elements, and booleans and numbers that are what they claim to be.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { findFiles, rel, result } from './files.mjs';

const require = createRequire(import.meta.url);
const { ApiSchemas } = require('@jsforce/jsforce-node/lib/api/metadata/schema');

const NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

export const TYPE_BY_SUFFIX = {
    '.cls-meta.xml': 'ApexClass',
    '.trigger-meta.xml': 'ApexTrigger',
    '.page-meta.xml': 'ApexPage',
    '.component-meta.xml': 'ApexComponent',
    '.app-meta.xml': 'AuraDefinitionBundle',
    '.cmp-meta.xml': 'AuraDefinitionBundle',
    '.js-meta.xml': 'LightningComponentBundle',
    '.labels-meta.xml': 'CustomLabels',
    '.callCenter-meta.xml': 'CallCenter',
    '.permissionset-meta.xml': 'PermissionSet',
    '.resource-meta.xml': 'StaticResource',
    '.cspTrustedSite-meta.xml': 'CspTrustedSite',
    '.object-meta.xml': 'CustomObject',
    '.field-meta.xml': 'CustomField',
    '.namedCredential-meta.xml': 'NamedCredential',
    '.ConversationVendorInformation-meta.xml': 'ConversationVendorInfo'
};

/**
 * Where jsforce's schema snapshot is older than the API version we deploy, these entries describe
 * the current type. Each is taken from the Metadata API Developer Guide for API 65.0.
 */
const SCHEMA_UPDATES = {
    // targetConfigs holds free-form XML per target (the snapshot types it as a string).
    LightningComponentBundle: { opaque: ['targetConfigs'] },
    // Not in the snapshot at all (API 52.0+): the elements of Salesforce's partner telephony
    // quickstart sample (scv-partner-telephony-quickstart) and the Metadata API guide's vendorType.
    ConversationVendorInfo: {
        props: {
            bridgeComponent: '?string',
            clientAuthMode: '?string',
            connectorUrl: 'string',
            customLoginUrl: '?string',
            developerName: 'string',
            masterLabel: 'string',
            serverAuthMode: '?string',
            vendorType: '?string'
        }
    },
    // Fields added after the snapshot (API 48-59), in the guide's order.
    CspTrustedSite: {
        props: {
            canAccessCamera: '?boolean',
            canAccessMicrophone: '?boolean',
            context: '?string',
            description: '?string',
            endpointUrl: 'string',
            isActive: 'boolean',
            isApplicableToConnectSrc: '?boolean',
            isApplicableToFontSrc: '?boolean',
            isApplicableToFrameSrc: '?boolean',
            isApplicableToImgSrc: '?boolean',
            isApplicableToMediaSrc: '?boolean',
            isApplicableToStyleSrc: '?boolean'
        }
    }
};

/** Source format implies these: the file name is the fullName and the content sits beside it. */
const IMPLIED = new Set(['fullName', 'content']);

function propsOf(typeName) {
    const schema = ApiSchemas[typeName];
    if (!schema) return SCHEMA_UPDATES[typeName]?.props;
    const inherited = schema.extends ? propsOf(schema.extends) : {};
    const own = SCHEMA_UPDATES[typeName]?.props ?? schema.props;
    return { ...inherited, ...own };
}

function describe(spec) {
    if (Array.isArray(spec)) return { list: true, optional: true, type: spec[0] };
    const optional = spec.startsWith('?');
    return { list: false, optional, type: optional ? spec.slice(1) : spec };
}

function textOf(children) {
    return children
        .filter((child) => '#text' in child)
        .map((child) => String(child['#text']))
        .join('');
}

function elementName(node) {
    return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

function validateElement(typeName, children, path, report) {
    const props = propsOf(typeName);
    if (!props) return;
    const order = Object.keys(props);
    const opaque = new Set(SCHEMA_UPDATES[typeName]?.opaque ?? []);
    const seen = new Set();
    let lastIndex = -1;
    for (const node of children) {
        const name = elementName(node);
        if (!name) continue;
        const index = order.indexOf(name);
        if (index < 0) {
            report(`${path}: unknown element <${name}> in ${typeName}`);
            continue;
        }
        const spec = describe(props[name]);
        if (index < lastIndex)
            report(
                `${path}: <${name}> is out of order in ${typeName} (expected before <${order[lastIndex]}>)`
            );
        if (seen.has(name) && !spec.list) report(`${path}: <${name}> is repeated in ${typeName}`);
        seen.add(name);
        lastIndex = Math.max(lastIndex, index);
        if (opaque.has(name)) continue;
        const value = node[name];
        if (spec.type === 'boolean' && !['true', 'false'].includes(textOf(value).trim())) {
            report(`${path}/${name}: "${textOf(value)}" is not a boolean (true or false)`);
        } else if (spec.type === 'number' && !/^-?\d+(\.\d+)?$/.test(textOf(value).trim())) {
            report(`${path}/${name}: "${textOf(value)}" is not a number`);
        } else if (ApiSchemas[spec.type]) {
            validateElement(spec.type, value, `${path}/${name}`, report);
        }
    }
    for (const name of order) {
        const spec = describe(props[name]);
        if (!spec.optional && !IMPLIED.has(name) && !seen.has(name)) {
            report(`${path}: required element <${name}> is missing from ${typeName}`);
        }
    }
}

export function validateMetadataXml(xml, typeName) {
    const problems = [];
    const wellFormed = XMLValidator.validate(xml);
    if (wellFormed !== true) {
        return [{ line: wellFormed.err.line, message: `not well-formed XML: ${wellFormed.err.msg}` }];
    }
    const document = new XMLParser({
        preserveOrder: true,
        ignoreAttributes: false,
        parseTagValue: false,
        trimValues: true
    }).parse(xml);
    const rootNode = document.find((node) => elementName(node) && elementName(node) !== '?xml');
    const rootName = rootNode && elementName(rootNode);
    if (rootName !== typeName) {
        return [{ message: `root element is <${rootName}>, expected <${typeName}>` }];
    }
    if (rootNode[':@']?.['@_xmlns'] !== NAMESPACE) {
        problems.push({ message: `<${typeName}> must declare xmlns="${NAMESPACE}"` });
    }
    validateElement(typeName, rootNode[typeName], typeName, (message) => problems.push({ message }));
    return problems;
}

export const metadataXml = {
    id: 'metadataXml',
    name: 'Metadata XML against the Metadata API schema',
    needsBuild: false,
    async run(projectDir) {
        const problems = [];
        for (const file of findFiles(projectDir, (name) => name.endsWith('-meta.xml'))) {
            const suffix = Object.keys(TYPE_BY_SUFFIX).find((candidate) => file.endsWith(candidate));
            if (!suffix) {
                problems.push({ file: rel(projectDir, file), message: 'unknown metadata file type' });
                continue;
            }
            for (const problem of validateMetadataXml(readFileSync(file, 'utf8'), TYPE_BY_SUFFIX[suffix])) {
                problems.push({ file: rel(projectDir, file), ...problem });
            }
        }
        return result(problems);
    }
};

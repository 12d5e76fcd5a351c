export const TYPE_BY_SUFFIX: Record<string, string>;
export function validateMetadataXml(xml: string, typeName: string): { line?: number; message: string }[];

// Real-world phone numbers as UK, US, German, French and Australian records hold them, with what
// the PBX must receive for each: the same string whether the agent clicks the number on the record,
// keys it on the dial pad, pastes it (as copied from a web page, an email signature or a tel: link)
// or redials it from the recent numbers. The numbers are from the ranges the regulators keep for
// drama and documentation (Ofcom, NANPA 555-01xx, BNetzA, ARCEP, ACMA) where there is one.

/** One site's call center settings, as getCallCenterSettings returns them. */
export type SiteSettings = Record<string, string>;

const site = (
    outside: string,
    longDistance: string,
    international: string,
    country: string,
    trunk: string
) => ({
    '/reqDialingOptions/reqOutsidePrefix': outside,
    '/reqDialingOptions/reqLongDistPrefix': longDistance,
    '/reqDialingOptions/reqInternationalPrefix': international,
    '/mivoiceDialing/siteCountryCode': country,
    '/mivoiceDialing/siteNationalPrefix': trunk
});

/** Outside line 9 in the UK and North America, 0 in Germany, France and Australia. */
export const SITES = {
    uk: site('9', '', '00', '44', '0'),
    us: site('9', '1', '011', '1', '1'),
    de: site('0', '', '00', '49', '0'),
    fr: site('0', '', '00', '33', '0'),
    au: site('0', '', '0011', '61', '0'),
    /** A call center set up before the site settings existed: every + number is dialled abroad. */
    unset: site('9', '', '00', '', '')
} satisfies Record<string, SiteSettings>;

export type SiteName = keyof typeof SITES;

export interface DialingCase {
    site: SiteName;
    /** The number as the record shows it (what onClickToDial reports). */
    record: string;
    /** What the agent presses on the dial pad for it (its keys only: no +). */
    keyed: string;
    /** The number as copied from elsewhere and pasted into the number field. */
    pasted: string;
    /** The dial string the PBX receives, on every path. */
    pbx: string;
}

const row = (site: SiteName, record: string, keyed: string, pasted: string, pbx: string): DialingCase => ({
    site,
    record,
    keyed,
    pasted,
    pbx
});

export const DIALING_CASES: DialingCase[] = [
    // United Kingdom: outside line 9, national prefix 0, international 00.
    row('uk', '020 7946 0018', '02079460018', '020-7946-0018', '902079460018'),
    row('uk', '+44 20 7946 0018', '02079460018', 'Tel: +44 20 7946 0018', '902079460018'),
    row('uk', '+44 (0)20 7946 0018', '02079460018', '+44 (0) 20 7946 0018\n', '902079460018'),
    row('uk', '(020) 7946 0018', '02079460018', '\u202a020 7946 0018\u202c', '902079460018'),
    row('uk', '0044 20 7946 0018', '02079460018', '00 44 20 7946 0018', '902079460018'),
    row('uk', '+44 020 7946 0018', '02079460018', '+44020 7946 0018', '902079460018'),
    row('uk', '01632 960123', '01632960123', '01632\u00a0960123', '901632960123'),
    row('uk', '+44 1632 960123', '01632960123', 'tel:+441632960123', '901632960123'),
    row('uk', '07700 900123', '07700900123', '07700-900-123', '907700900123'),
    row('uk', '+44 7700 900123', '07700900123', '+44 (0)7700 900 123', '907700900123'),
    row('uk', '0808 157 0192', '08081570192', '0808 1570192', '908081570192'),
    row('uk', '020 7946 0018 x204', '02079460018', '020 7946 0018 ext. 204', '902079460018'),
    row('uk', '+1 (415) 555-0134', '0014155550134', '+1 415-555-0134', '90014155550134'),
    row('uk', '+49 30 23125456', '00493023125456', '+49 (0)30 23125456', '900493023125456'),
    row('uk', '+33 1 99 00 12 34', '0033199001234', '+33 (0)1 99 00 12 34', '90033199001234'),
    row('uk', '+61 2 5550 1234', '0061255501234', '+61 (0)2 5550 1234', '90061255501234'),
    row('uk', '2002', '2002', ' 2002 ', '2002'),
    row('uk', '*72', '*72', '*72', '*72'),
    // United States and Canada: outside line 9, 1 for long distance, 011 for international.
    row('us', '(415) 555-0134', '4155550134', '415.555.0134', '914155550134'),
    row('us', '+1 415-555-0134', '14155550134', '+1 (415) 555-0134', '914155550134'),
    row('us', '1-415-555-0134', '14155550134', '1 (415) 555-0134', '914155550134'),
    row('us', '+1 (604) 555-0143', '6045550143', '+1 604 555 0143', '916045550143'),
    row('us', '(800) 555-0199', '8005550199', '1-800-555-0199', '918005550199'),
    row('us', '555-0134', '5550134', '555 0134', '95550134'),
    row('us', '(415) 555-0134 x123', '4155550134', '415-555-0134 ext. 123', '914155550134'),
    row('us', '+1 415 555 0134;ext=123', '4155550134', 'tel:+1-415-555-0134;ext=123', '914155550134'),
    row('us', '415-555-0134, ext 12', '4155550134', '415 555 0134 extension 12', '914155550134'),
    row('us', '+44 20 7946 0018', '011442079460018', '+44 (0)20 7946 0018', '9011442079460018'),
    row('us', '+49 30 23125456', '011493023125456', '+49 (0) 30 23125456', '9011493023125456'),
    row('us', '+61 491 570 006', '01161491570006', '+61 (0)491 570 006', '901161491570006'),
    row('us', '2002', '2002', '2002', '2002'),
    // Germany: outside line 0, national prefix 0, international 00; "-456" is the direct-dial suffix.
    row('de', '030 23125456', '03023125456', '030 / 23125456', '003023125456'),
    row('de', '+49 30 23125456', '03023125456', '+49 (0)30 23125456', '003023125456'),
    row('de', '+49 (0)30 23125-456', '03023125456', '+49 (0) 30 23125 - 456', '003023125456'),
    row('de', '040 66969-123', '04066969123', 'Tel.: 040 66969-123', '004066969123'),
    row('de', '0049 40 66969123', '04066969123', '0049 (0)40 66969123', '004066969123'),
    row('de', '+44 20 7946 0018', '00442079460018', '+44 (0)20 7946 0018', '000442079460018'),
    row('de', '+1 415 555 0134', '0014155550134', '+1 (415) 555-0134', '00014155550134'),
    row('de', '2002', '2002', '2002', '2002'),
    // France: outside line 0, national prefix 0, international 00.
    row('fr', '01 99 00 12 34', '0199001234', '01.99.00.12.34', '00199001234'),
    row('fr', '+33 1 99 00 12 34', '0199001234', '+33 (0)1 99 00 12 34', '00199001234'),
    row('fr', '06 39 98 12 34', '0639981234', '06-39-98-12-34', '00639981234'),
    row('fr', '+33 6 39 98 12 34', '0639981234', 'Tél. : +33 6 39 98 12 34', '00639981234'),
    row('fr', '01 99 00 12 34 poste 567', '0199001234', '01 99 00 12 34, poste 567', '00199001234'),
    row('fr', '+44 20 7946 0018', '00442079460018', '+44 (0)20 7946 0018', '000442079460018'),
    // Australia: outside line 0, national prefix 0, international 0011.
    row('au', '(02) 5550 1234', '0255501234', '02 5550 1234', '00255501234'),
    row('au', '+61 2 5550 1234', '0255501234', '+61 (0)2 5550 1234', '00255501234'),
    row('au', '0491 570 006', '0491570006', '0491-570-006', '00491570006'),
    row('au', '+61 491 570 006', '0491570006', '+61491570006', '00491570006'),
    row('au', '1800 160 401', '1800160401', '1800-160-401', '01800160401'),
    row('au', '+44 20 7946 0018', '0011442079460018', '0011 44 20 7946 0018', '00011442079460018'),
    row('au', '+1 415 555 0134', '001114155550134', '+1 (415) 555-0134', '0001114155550134'),
    // Without the site settings every + number stays international, as before they existed.
    row('unset', '+44 20 7946 0018', '00442079460018', '+44 (0)20 7946 0018', '900442079460018'),
    row('unset', '+1 (415) 555-0134', '0014155550134', '+1 415 555 0134', '90014155550134'),
    row('unset', '020 7946 0018', '02079460018', '020 7946 0018', '902079460018')
];

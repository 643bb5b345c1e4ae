/** Countries and the offices the company opens as it grows, with what phone numbers need. */

/** A country an office can be in, with what phone normalisation and compensation need. */
export interface CountrySpec {
  readonly iso2: string;
  readonly iso3: string;
  /** Workday's descriptor for the country. */
  readonly name: string;
  readonly callingCode: string;
  /** The digit dialled before a national number inside the country; empty when none. */
  readonly trunkPrefix: string;
  /** Lengths of the groups of the national significant number, for national formatting. */
  readonly groups: readonly number[];
  readonly currency: string;
  /** Salary multiplier against the US band. */
  readonly payFactor: number;
}

export const COUNTRIES: Readonly<Record<string, CountrySpec>> = {
  US: {
    iso2: 'US',
    iso3: 'USA',
    name: 'United States of America',
    callingCode: '1',
    trunkPrefix: '',
    groups: [3, 3, 4],
    currency: 'USD',
    payFactor: 1,
  },
  CA: {
    iso2: 'CA',
    iso3: 'CAN',
    name: 'Canada',
    callingCode: '1',
    trunkPrefix: '',
    groups: [3, 3, 4],
    currency: 'CAD',
    payFactor: 1.05,
  },
  GB: {
    iso2: 'GB',
    iso3: 'GBR',
    name: 'United Kingdom',
    callingCode: '44',
    trunkPrefix: '0',
    groups: [2, 4, 4],
    currency: 'GBP',
    payFactor: 0.62,
  },
  IE: {
    iso2: 'IE',
    iso3: 'IRL',
    name: 'Ireland',
    callingCode: '353',
    trunkPrefix: '0',
    groups: [1, 3, 4],
    currency: 'EUR',
    payFactor: 0.7,
  },
  DE: {
    iso2: 'DE',
    iso3: 'DEU',
    name: 'Germany',
    callingCode: '49',
    trunkPrefix: '0',
    groups: [2, 8],
    currency: 'EUR',
    payFactor: 0.68,
  },
  FR: {
    iso2: 'FR',
    iso3: 'FRA',
    name: 'France',
    callingCode: '33',
    trunkPrefix: '0',
    groups: [1, 2, 2, 2, 2],
    currency: 'EUR',
    payFactor: 0.6,
  },
  NL: {
    iso2: 'NL',
    iso3: 'NLD',
    name: 'Netherlands',
    callingCode: '31',
    trunkPrefix: '0',
    groups: [2, 3, 4],
    currency: 'EUR',
    payFactor: 0.66,
  },
  PL: {
    iso2: 'PL',
    iso3: 'POL',
    name: 'Poland',
    callingCode: '48',
    trunkPrefix: '',
    groups: [2, 3, 2, 2],
    currency: 'PLN',
    payFactor: 1.6,
  },
  IN: {
    iso2: 'IN',
    iso3: 'IND',
    name: 'India',
    callingCode: '91',
    trunkPrefix: '0',
    groups: [2, 4, 4],
    currency: 'INR',
    payFactor: 25,
  },
  SG: {
    iso2: 'SG',
    iso3: 'SGP',
    name: 'Singapore',
    callingCode: '65',
    trunkPrefix: '',
    groups: [4, 4],
    currency: 'SGD',
    payFactor: 1.1,
  },
  JP: {
    iso2: 'JP',
    iso3: 'JPN',
    name: 'Japan',
    callingCode: '81',
    trunkPrefix: '0',
    groups: [1, 4, 4],
    currency: 'JPY',
    payFactor: 110,
  },
  AU: {
    iso2: 'AU',
    iso3: 'AUS',
    name: 'Australia',
    callingCode: '61',
    trunkPrefix: '0',
    groups: [1, 4, 4],
    currency: 'AUD',
    payFactor: 1.25,
  },
  BR: {
    iso2: 'BR',
    iso3: 'BRA',
    name: 'Brazil',
    callingCode: '55',
    trunkPrefix: '0',
    groups: [2, 4, 4],
    currency: 'BRL',
    payFactor: 2.4,
  },
  MX: {
    iso2: 'MX',
    iso3: 'MEX',
    name: 'Mexico',
    callingCode: '52',
    trunkPrefix: '',
    groups: [2, 4, 4],
    currency: 'MXN',
    payFactor: 9,
  },
};

/** An office the company may open, in the order offices are added as the company grows. */
export interface OfficeSpec {
  readonly city: string;
  readonly country: keyof typeof COUNTRIES;
  /** Greenhouse's Rails-style time zone name. */
  readonly timeZone: string;
  /** Area codes (national number prefixes) phone numbers in this city start with. */
  readonly areaCodes: readonly string[];
  readonly weight: number;
}

export const OFFICES: readonly OfficeSpec[] = [
  {
    city: 'San Francisco',
    country: 'US',
    timeZone: 'Pacific Time (US & Canada)',
    areaCodes: ['415', '628'],
    weight: 30,
  },
  {
    city: 'New York',
    country: 'US',
    timeZone: 'Eastern Time (US & Canada)',
    areaCodes: ['212', '646', '917'],
    weight: 18,
  },
  { city: 'London', country: 'GB', timeZone: 'London', areaCodes: ['20'], weight: 12 },
  { city: 'Bengaluru', country: 'IN', timeZone: 'Chennai', areaCodes: ['80'], weight: 12 },
  {
    city: 'Austin',
    country: 'US',
    timeZone: 'Central Time (US & Canada)',
    areaCodes: ['512', '737'],
    weight: 9,
  },
  {
    city: 'Toronto',
    country: 'CA',
    timeZone: 'Eastern Time (US & Canada)',
    areaCodes: ['416', '647'],
    weight: 7,
  },
  { city: 'Berlin', country: 'DE', timeZone: 'Berlin', areaCodes: ['30'], weight: 7 },
  { city: 'Dublin', country: 'IE', timeZone: 'Dublin', areaCodes: ['1'], weight: 5 },
  {
    city: 'Chicago',
    country: 'US',
    timeZone: 'Central Time (US & Canada)',
    areaCodes: ['312', '773'],
    weight: 6,
  },
  { city: 'Sydney', country: 'AU', timeZone: 'Sydney', areaCodes: ['2'], weight: 4 },
  { city: 'Singapore', country: 'SG', timeZone: 'Singapore', areaCodes: ['6'], weight: 4 },
  { city: 'Paris', country: 'FR', timeZone: 'Paris', areaCodes: ['1'], weight: 4 },
  { city: 'Amsterdam', country: 'NL', timeZone: 'Amsterdam', areaCodes: ['20'], weight: 4 },
  {
    city: 'Seattle',
    country: 'US',
    timeZone: 'Pacific Time (US & Canada)',
    areaCodes: ['206'],
    weight: 6,
  },
  { city: 'Warsaw', country: 'PL', timeZone: 'Warsaw', areaCodes: ['22'], weight: 3 },
  { city: 'São Paulo', country: 'BR', timeZone: 'Brasilia', areaCodes: ['11'], weight: 3 },
  { city: 'Tokyo', country: 'JP', timeZone: 'Tokyo', areaCodes: ['3'], weight: 3 },
  { city: 'Mexico City', country: 'MX', timeZone: 'Mexico City', areaCodes: ['55'], weight: 3 },
  {
    city: 'Boston',
    country: 'US',
    timeZone: 'Eastern Time (US & Canada)',
    areaCodes: ['617', '857'],
    weight: 5,
  },
  {
    city: 'Denver',
    country: 'US',
    timeZone: 'Mountain Time (US & Canada)',
    areaCodes: ['303', '720'],
    weight: 3,
  },
  {
    city: 'Vancouver',
    country: 'CA',
    timeZone: 'Pacific Time (US & Canada)',
    areaCodes: ['604'],
    weight: 3,
  },
  { city: 'Munich', country: 'DE', timeZone: 'Berlin', areaCodes: ['89'], weight: 2 },
  { city: 'Hyderabad', country: 'IN', timeZone: 'Chennai', areaCodes: ['40'], weight: 5 },
  {
    city: 'Atlanta',
    country: 'US',
    timeZone: 'Eastern Time (US & Canada)',
    areaCodes: ['404', '470'],
    weight: 3,
  },
];

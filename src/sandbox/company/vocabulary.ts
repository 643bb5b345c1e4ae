/**
 * The fixed vocabulary the generator draws from: names, organisation areas, job families,
 * countries and offices, sources, rejection and close reasons, and the federal EEOC answer texts.
 * All of it is invented for the sandbox; personal emails use the reserved `.example` top-level
 * domain so nothing generated can reach a real mailbox.
 */

/** Splits a comma-separated block of names; keeps long lists compact and readable. */
function list(block: string): readonly string[] {
  return block
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export const FEMALE_FIRST_NAMES: readonly string[] = list(`
Aaliyah, Abigail, Adriana, Aisha, Alejandra, Alice, Amara, Amelia, Ana, Anika, Anna, Ava,
Beatriz, Camila, Catherine, Charlotte, Chloe, Claire, Daniela, Deepa, Diana, Elena,
Elizabeth, Emily, Emma, Eva, Fatima, Fiona, Gabriela, Grace, Hana, Hannah, Ingrid, Isabel,
Jasmine, Jennifer, Jessica, Julia, Katherine, Keiko, Laura, Leila, Lina, Lucia, Maya,
Margaret, Maria, Mei, Mia, Michelle, Naomi, Natalia, Nia, Nicole, Nora, Olivia, Patricia,
Priya, Rachel, Rebecca, Rosa, Samantha, Sara, Sofia, Sophie, Susan, Tamara, Valentina,
Victoria, Yasmin, Yuki, Zara, Zoe, Ngozi, Ifeoma, Siobhan, Freya, Astrid, Lakshmi, Meera,
Ayesha, Ji-woo, Thandiwe, Chiara, Amélie, Renée, Zoë, Inés, Małgorzata, Joanna, Kamila,
Olga, Tatiana
`);

export const MALE_FIRST_NAMES: readonly string[] = list(`
Aarav, Adam, Adrian, Ahmed, Alexander, Andrew, Anthony, Arjun, Benjamin, Carlos, Charles,
Chen, Christopher, Daniel, David, Diego, Dmitri, Edward, Elijah, Emmanuel, Ethan, Felipe,
Gabriel, George, Hassan, Henry, Hiroshi, Ibrahim, Isaac, James, Javier, John, Jonathan,
Joseph, Joshua, Juan, Kenji, Kevin, Kwame, Liam, Lucas, Luis, Marcus, Mateo, Matthew,
Michael, Mohammed, Nathan, Nicholas, Noah, Omar, Oliver, Patrick, Paul, Pedro, Rahul, Raj,
Ricardo, Robert, Ryan, Samuel, Sebastian, Stephen, Thomas, Timothy, Tomás, Victor, Vikram,
William, Wei, Yusuf, Zachary, Chinedu, Oluwaseun, Sean, Lars, Mikkel, Sanjay, Kofi,
Min-jun, Jürgen, Søren, José, André, François, Łukasz, Piotr, Mateusz, Ivan, Sergei,
Mehmet
`);

export const NEUTRAL_FIRST_NAMES: readonly string[] = list(`
Alex, Avery, Casey, Charlie, Dakota, Drew, Emerson, Finley, Jamie, Jordan, Kai, Morgan,
Noor, Quinn, Reese, Riley, Robin, Rowan, Sage, Taylor
`);

export const LAST_NAMES: readonly string[] = list(`
Adams, Adeyemi, Ahmed, Ali, Allen, Alvarez, Anderson, Andersson, Bailey, Baker, Banerjee,
Barnes, Becker, Bell, Bennett, Bianchi, Brooks, Brown, Bui, Campbell, Carter, Castillo,
Chan, Chen, Cho, Clark, Collins, Cook, Cooper, Cruz, Das, Davies, Davis, Diaz, Dubois,
Edwards, Evans, Fernandez, Fischer, Flores, Foster, Garcia, Gomez, Gonzalez, Gray, Green,
Gupta, Hall, Harris, Hassan, Hernandez, Hill, Hoang, Hughes, Ibrahim, Ito, Iyer, Jackson,
James, Jensen, Johansson, Johnson, Jones, Kaur, Kelly, Khan, Kim, King, Kowalski, Kumar,
Lam, Lee, Lewis, Li, Lin, Liu, Lopez, Martin, Martinez, Mendoza, Mehta, Meyer, Miller,
Mitchell, Moore, Morales, Morris, Muller, Murphy, Murray, Nakamura, Nguyen, Nielsen, Novak,
Nowak, O'Brien, O'Connor, Okafor, Okonkwo, Ortiz, Park, Patel, Perez, Perry, Petrov,
Phillips, Popescu, Price, Ramirez, Ramos, Rao, Reddy, Reed, Reyes, Richardson, Rivera,
Roberts, Robinson, Rodriguez, Rossi, Russell, Sanchez, Santos, Sato, Schmidt, Schneider,
Scott, Shah, Sharma, Silva, Singh, Smith, Sokolov, Stewart, Suzuki, Tanaka, Taylor, Thomas,
Thompson, Torres, Tran, Turner, Walker, Wang, Ward, Watson, Weber, White, Williams, Wilson,
Wong, Wood, Wright, Wu, Xu, Yamamoto, Yang, Young, Zhang, Zhao, Zielinski, Müller, García,
Núñez, Søndergaard, van der Berg, de la Cruz, Mbeki, Mensah, Osei, Achebe, Haddad, Nasser
`);

/** Formal first name → the short form people also go by; used for name variations. */
export const NICKNAMES: Readonly<Record<string, string>> = {
  Alexander: 'Alex',
  Andrew: 'Andy',
  Anthony: 'Tony',
  Benjamin: 'Ben',
  Catherine: 'Cathy',
  Charles: 'Charlie',
  Christopher: 'Chris',
  Daniel: 'Dan',
  David: 'Dave',
  Edward: 'Ed',
  Elizabeth: 'Liz',
  Jennifer: 'Jen',
  Jessica: 'Jess',
  Jonathan: 'Jon',
  Joseph: 'Joe',
  Joshua: 'Josh',
  Katherine: 'Kate',
  Margaret: 'Maggie',
  Matthew: 'Matt',
  Michael: 'Mike',
  Nicholas: 'Nick',
  Patricia: 'Pat',
  Rebecca: 'Becky',
  Robert: 'Bob',
  Samantha: 'Sam',
  Samuel: 'Sam',
  Stephen: 'Steve',
  Susan: 'Sue',
  Thomas: 'Tom',
  Timothy: 'Tim',
  Victoria: 'Vicky',
  William: 'Bill',
  Zachary: 'Zach',
  Gabriela: 'Gabi',
  Alejandra: 'Ale',
  Valentina: 'Vale',
  Natalia: 'Nat',
  Isabel: 'Isa',
  Olivia: 'Liv',
};

export const CANDIDATE_EMPLOYERS: readonly string[] = list(`
Northwind Analytics, Contoso Ltd, Fabrikam, Globex, Initech, Umbrella Health,
Stark Logistics, Wayne Capital, Acme Retail, Hooli, Pied Piper, Vandelay Imports,
Soylent Foods, Tyrell Systems, Cyberdyne, Wonka Industries, Gringotts Bank, Oscorp,
Massive Dynamic, Blue Sun, Aperture Labs, Black Mesa, Monarch Media, Dunder Paper,
Sterling Cooper, Prestige Worldwide, Bluth Company, Los Pollos
`);

/** The personal mail providers candidates use; all under the reserved `.example` domain. */
export const MAIL_PROVIDERS = [
  { domain: 'gmail.example', weight: 50 },
  { domain: 'outlook.example', weight: 14 },
  { domain: 'yahoo.example', weight: 10 },
  { domain: 'icloud.example', weight: 10 },
  { domain: 'proton.example', weight: 4 },
  { domain: 'hotmail.example', weight: 8 },
  { domain: 'fastmail.example', weight: 4 },
] as const;

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

/** A job family: the titles of its individual-contributor and management ladders. */
export interface FamilySpec {
  readonly name: string;
  readonly code: string;
  readonly ladder: readonly string[];
  readonly managers: readonly string[];
  /** Annual US base salary of ladder level 1; each level adds about 18 %. */
  readonly basePay: number;
}

/** A top-level organisation area: its business unit, team names and job families. */
export interface AreaSpec {
  readonly name: string;
  readonly businessUnit: string;
  /** Share of headcount. */
  readonly weight: number;
  readonly teams: readonly string[];
  readonly families: readonly FamilySpec[];
  /** Share of women among applicants and hires; drives realistic representation gaps. */
  readonly femaleShare: number;
  /** Applications per opening, relative to the average; engineering gets many. */
  readonly demand: number;
}

export const AREAS: readonly AreaSpec[] = [
  {
    name: 'Engineering',
    businessUnit: 'Product & Technology',
    weight: 30,
    femaleShare: 0.26,
    demand: 1.4,
    teams: [
      'Platform',
      'Payments',
      'Identity',
      'Search',
      'Mobile',
      'Web',
      'Infrastructure',
      'Security',
      'Developer Experience',
      'Growth',
      'Reliability',
      'Integrations',
    ],
    families: [
      {
        name: 'Software Engineering',
        code: 'SWE',
        basePay: 118_000,
        ladder: [
          'Software Engineer I',
          'Software Engineer II',
          'Senior Software Engineer',
          'Staff Software Engineer',
          'Principal Software Engineer',
        ],
        managers: [
          'Engineering Manager',
          'Senior Engineering Manager',
          'Director of Engineering',
          'VP of Engineering',
        ],
      },
      {
        name: 'Quality Engineering',
        code: 'QAE',
        basePay: 92_000,
        ladder: [
          'QA Engineer I',
          'QA Engineer II',
          'Senior QA Engineer',
          'Staff QA Engineer',
          'Principal QA Engineer',
        ],
        managers: ['QA Manager', 'Senior QA Manager', 'Director of Quality', 'VP of Quality'],
      },
    ],
  },
  {
    name: 'Data',
    businessUnit: 'Product & Technology',
    weight: 7,
    femaleShare: 0.34,
    demand: 1.3,
    teams: ['Analytics', 'Data Platform', 'Machine Learning', 'Experimentation', 'Data Governance'],
    families: [
      {
        name: 'Data Science',
        code: 'DSC',
        basePay: 112_000,
        ladder: [
          'Data Scientist I',
          'Data Scientist II',
          'Senior Data Scientist',
          'Staff Data Scientist',
          'Principal Data Scientist',
        ],
        managers: [
          'Data Science Manager',
          'Senior Data Science Manager',
          'Director of Data Science',
          'VP of Data',
        ],
      },
      {
        name: 'Data Engineering',
        code: 'DEN',
        basePay: 115_000,
        ladder: [
          'Data Engineer I',
          'Data Engineer II',
          'Senior Data Engineer',
          'Staff Data Engineer',
          'Principal Data Engineer',
        ],
        managers: [
          'Data Engineering Manager',
          'Senior Data Engineering Manager',
          'Director of Data Engineering',
          'VP of Data Platform',
        ],
      },
    ],
  },
  {
    name: 'Product',
    businessUnit: 'Product & Technology',
    weight: 6,
    femaleShare: 0.42,
    demand: 1.2,
    teams: ['Core Product', 'Platform Product', 'Growth Product', 'Enterprise Product'],
    families: [
      {
        name: 'Product Management',
        code: 'PMG',
        basePay: 120_000,
        ladder: [
          'Associate Product Manager',
          'Product Manager',
          'Senior Product Manager',
          'Group Product Manager',
          'Principal Product Manager',
        ],
        managers: ['Product Lead', 'Senior Product Lead', 'Director of Product', 'VP of Product'],
      },
    ],
  },
  {
    name: 'Design',
    businessUnit: 'Product & Technology',
    weight: 4,
    femaleShare: 0.55,
    demand: 1.1,
    teams: ['Product Design', 'Brand Design', 'Research'],
    families: [
      {
        name: 'Product Design',
        code: 'DSN',
        basePay: 98_000,
        ladder: [
          'Product Designer I',
          'Product Designer II',
          'Senior Product Designer',
          'Staff Product Designer',
          'Principal Product Designer',
        ],
        managers: ['Design Manager', 'Senior Design Manager', 'Director of Design', 'VP of Design'],
      },
    ],
  },
  {
    name: 'Sales',
    businessUnit: 'Go-To-Market',
    weight: 18,
    femaleShare: 0.38,
    demand: 1.0,
    teams: [
      'Enterprise Sales',
      'Mid-Market Sales',
      'SMB Sales',
      'Sales Development',
      'Solutions Engineering',
      'Partnerships',
    ],
    families: [
      {
        name: 'Account Executive',
        code: 'AEX',
        basePay: 78_000,
        ladder: [
          'Account Executive I',
          'Account Executive II',
          'Senior Account Executive',
          'Strategic Account Executive',
          'Principal Account Executive',
        ],
        managers: ['Sales Manager', 'Senior Sales Manager', 'Director of Sales', 'VP of Sales'],
      },
      {
        name: 'Sales Development',
        code: 'SDR',
        basePay: 55_000,
        ladder: [
          'Sales Development Representative',
          'Senior Sales Development Representative',
          'Lead Sales Development Representative',
          'Sales Development Specialist',
          'Principal Sales Development Specialist',
        ],
        managers: [
          'SDR Manager',
          'Senior SDR Manager',
          'Director of Sales Development',
          'VP of Sales Development',
        ],
      },
    ],
  },
  {
    name: 'Marketing',
    businessUnit: 'Go-To-Market',
    weight: 7,
    femaleShare: 0.58,
    demand: 0.9,
    teams: ['Product Marketing', 'Demand Generation', 'Content', 'Communications'],
    families: [
      {
        name: 'Marketing',
        code: 'MKT',
        basePay: 80_000,
        ladder: [
          'Marketing Associate',
          'Marketing Manager',
          'Senior Marketing Manager',
          'Lead Marketing Manager',
          'Principal Marketing Manager',
        ],
        managers: [
          'Marketing Lead',
          'Senior Marketing Lead',
          'Director of Marketing',
          'VP of Marketing',
        ],
      },
    ],
  },
  {
    name: 'Customer Success',
    businessUnit: 'Go-To-Market',
    weight: 12,
    femaleShare: 0.52,
    demand: 0.8,
    teams: ['Support', 'Onboarding', 'Customer Success Management', 'Technical Support'],
    families: [
      {
        name: 'Customer Support',
        code: 'SUP',
        basePay: 52_000,
        ladder: [
          'Support Specialist I',
          'Support Specialist II',
          'Senior Support Specialist',
          'Support Lead',
          'Principal Support Specialist',
        ],
        managers: [
          'Support Manager',
          'Senior Support Manager',
          'Director of Support',
          'VP of Customer Success',
        ],
      },
      {
        name: 'Customer Success Management',
        code: 'CSM',
        basePay: 70_000,
        ladder: [
          'Customer Success Manager I',
          'Customer Success Manager II',
          'Senior Customer Success Manager',
          'Strategic Customer Success Manager',
          'Principal Customer Success Manager',
        ],
        managers: [
          'CS Team Lead',
          'Senior CS Manager',
          'Director of Customer Success',
          'VP of Customer Experience',
        ],
      },
    ],
  },
  {
    name: 'Finance',
    businessUnit: 'Corporate',
    weight: 5,
    femaleShare: 0.5,
    demand: 0.7,
    teams: ['Accounting', 'FP&A', 'Procurement', 'Tax'],
    families: [
      {
        name: 'Finance',
        code: 'FIN',
        basePay: 76_000,
        ladder: [
          'Financial Analyst I',
          'Financial Analyst II',
          'Senior Financial Analyst',
          'Finance Lead',
          'Principal Financial Analyst',
        ],
        managers: [
          'Finance Manager',
          'Senior Finance Manager',
          'Director of Finance',
          'VP of Finance',
        ],
      },
    ],
  },
  {
    name: 'People',
    businessUnit: 'Corporate',
    weight: 4,
    femaleShare: 0.68,
    demand: 0.7,
    teams: ['Talent Acquisition', 'People Partners', 'People Operations', 'Total Rewards'],
    families: [
      {
        name: 'Recruiting',
        code: 'REC',
        basePay: 70_000,
        ladder: [
          'Recruiting Coordinator',
          'Recruiter',
          'Senior Recruiter',
          'Lead Recruiter',
          'Principal Recruiter',
        ],
        managers: [
          'Recruiting Manager',
          'Senior Recruiting Manager',
          'Director of Talent Acquisition',
          'VP of Talent',
        ],
      },
      {
        name: 'People Partners',
        code: 'HRP',
        basePay: 74_000,
        ladder: [
          'People Operations Specialist',
          'People Partner',
          'Senior People Partner',
          'Lead People Partner',
          'Principal People Partner',
        ],
        managers: [
          'People Partner Manager',
          'Senior People Manager',
          'Director of People',
          'Chief People Officer',
        ],
      },
    ],
  },
  {
    name: 'Legal',
    businessUnit: 'Corporate',
    weight: 2,
    femaleShare: 0.5,
    demand: 0.6,
    teams: ['Commercial Legal', 'Privacy & Compliance'],
    families: [
      {
        name: 'Legal',
        code: 'LGL',
        basePay: 110_000,
        ladder: [
          'Legal Specialist',
          'Counsel',
          'Senior Counsel',
          'Lead Counsel',
          'Principal Counsel',
        ],
        managers: [
          'Legal Manager',
          'Associate General Counsel',
          'Deputy General Counsel',
          'General Counsel',
        ],
      },
    ],
  },
  {
    name: 'Operations',
    businessUnit: 'Corporate',
    weight: 5,
    femaleShare: 0.45,
    demand: 0.7,
    teams: ['Business Operations', 'IT', 'Workplace', 'Revenue Operations'],
    families: [
      {
        name: 'Business Operations',
        code: 'OPS',
        basePay: 72_000,
        ladder: [
          'Operations Analyst I',
          'Operations Analyst II',
          'Senior Operations Analyst',
          'Operations Lead',
          'Principal Operations Analyst',
        ],
        managers: [
          'Operations Manager',
          'Senior Operations Manager',
          'Director of Operations',
          'VP of Operations',
        ],
      },
      {
        name: 'IT',
        code: 'ITS',
        basePay: 68_000,
        ladder: [
          'IT Specialist I',
          'IT Specialist II',
          'Senior IT Specialist',
          'IT Lead',
          'Principal IT Engineer',
        ],
        managers: ['IT Manager', 'Senior IT Manager', 'Director of IT', 'CIO'],
      },
    ],
  },
];

/** Workday management levels by ladder: index 0..4 are IC levels 1..5, then the manager steps. */
export const MANAGEMENT_LEVELS = [
  'Individual Contributor',
  'Manager',
  'Senior Manager',
  'Director',
  'Vice President',
] as const;

/** A Greenhouse source with how it behaves: volume, pass-through and EEOC capture. */
export interface SourceSpec {
  readonly name: string;
  readonly type: string;
  readonly weight: number;
  /** Multiplier on the odds of passing the first review. */
  readonly quality: number;
  /** Share of applications whose EEOC form is submitted (US jobs only). */
  readonly eeocRate: number;
}

export const SOURCES: readonly SourceSpec[] = [
  { name: 'Company Website', type: 'Company marketing', weight: 24, quality: 1.0, eeocRate: 0.62 },
  {
    name: 'LinkedIn (Job Board)',
    type: 'Third-party boards',
    weight: 20,
    quality: 0.85,
    eeocRate: 0.55,
  },
  { name: 'Indeed', type: 'Third-party boards', weight: 17, quality: 0.7, eeocRate: 0.58 },
  { name: 'Glassdoor', type: 'Third-party boards', weight: 6, quality: 0.8, eeocRate: 0.55 },
  { name: 'LinkedIn (Prospecting)', type: 'Prospecting', weight: 11, quality: 1.5, eeocRate: 0.35 },
  { name: 'Referral', type: 'Referral', weight: 9, quality: 2.1, eeocRate: 0.5 },
  { name: 'Talent Partners LLC', type: 'Agencies', weight: 3, quality: 1.7, eeocRate: 0 },
  { name: 'Apex Search Group', type: 'Agencies', weight: 2, quality: 1.5, eeocRate: 0.4 },
  { name: 'University Career Fair', type: 'Events', weight: 4, quality: 0.9, eeocRate: 0.66 },
  { name: 'Internal Applicant', type: 'Internal', weight: 2, quality: 2.4, eeocRate: 0.3 },
  { name: 'Twitter', type: 'Social media', weight: 2, quality: 0.8, eeocRate: 0.5 },
];

/** Name of the source whose applications never carry EEOC answers: an injected anomaly. */
export const NO_EEOC_SOURCE = 'Talent Partners LLC';

/** Name of the source whose applications come from current employees. */
export const INTERNAL_SOURCE = 'Internal Applicant';

/** Rejection reason type keys, as Greenhouse returns them. */
export type RejectionTypeKey =
  'WE_REJECTED_THEM' | 'THEY_REJECTED_US' | 'NONE_SPECIFIED' | 'SECURITY_CONCERN';

export const REJECTION_TYPES: readonly { key: RejectionTypeKey; name: string }[] = [
  { key: 'WE_REJECTED_THEM', name: 'We rejected them' },
  { key: 'THEY_REJECTED_US', name: 'They rejected us' },
  { key: 'NONE_SPECIFIED', name: 'None specified' },
  { key: 'SECURITY_CONCERN', name: 'Security concern' },
];

/** Why the generator rejects; each maps to one configured rejection reason. */
export type RejectionCause =
  | 'skills'
  | 'experience'
  | 'assessment'
  | 'compensation'
  | 'hired-another'
  | 'offer-rescinded'
  | 'withdrew-other-offer'
  | 'withdrew-personal'
  | 'declined-offer'
  | 'unresponsive'
  | 'duplicate'
  | 'other'
  | 'security';

export const REJECTION_REASONS: readonly {
  cause: RejectionCause;
  name: string;
  type: RejectionTypeKey;
}[] = [
  { cause: 'skills', name: 'Lacking skill(s)/qualification(s)', type: 'WE_REJECTED_THEM' },
  { cause: 'experience', name: 'Insufficient experience', type: 'WE_REJECTED_THEM' },
  { cause: 'assessment', name: 'Did not pass assessment', type: 'WE_REJECTED_THEM' },
  { cause: 'compensation', name: 'Compensation expectations', type: 'WE_REJECTED_THEM' },
  { cause: 'hired-another', name: 'Hired another candidate', type: 'WE_REJECTED_THEM' },
  { cause: 'offer-rescinded', name: 'Offer rescinded', type: 'WE_REJECTED_THEM' },
  {
    cause: 'withdrew-other-offer',
    name: 'Withdrew - accepted another offer',
    type: 'THEY_REJECTED_US',
  },
  { cause: 'withdrew-personal', name: 'Withdrew - personal reasons', type: 'THEY_REJECTED_US' },
  { cause: 'declined-offer', name: 'Declined offer', type: 'THEY_REJECTED_US' },
  { cause: 'unresponsive', name: 'Unresponsive', type: 'THEY_REJECTED_US' },
  { cause: 'duplicate', name: 'Duplicate application', type: 'NONE_SPECIFIED' },
  { cause: 'other', name: 'Other (add notes below)', type: 'NONE_SPECIFIED' },
  { cause: 'security', name: 'Background check concern', type: 'SECURITY_CONCERN' },
];

export type CloseCause = 'hire-new' | 'hire-backfill' | 'hire-internal' | 'cancelled' | 'budget';

export const CLOSE_REASONS: readonly { cause: CloseCause; name: string }[] = [
  { cause: 'hire-new', name: 'Hire - New Headcount' },
  { cause: 'hire-backfill', name: 'Hire - Backfill' },
  { cause: 'hire-internal', name: 'Hire - Internal Transfer' },
  { cause: 'cancelled', name: 'Position cancelled' },
  { cause: 'budget', name: 'Budget freeze' },
];

/** The interview stages every job's plan has, in order; Offer is always last. */
export const STAGE_NAMES = [
  'Application Review',
  'Recruiter Screen',
  'Hiring Manager Interview',
  'Assessment',
  'Onsite',
  'Offer',
] as const;

/** The federal EEOC answer texts Greenhouse returns, with stable ids. */
export const EEOC_ANSWERS = {
  gender: [
    { id: 1, description: 'Male' },
    { id: 2, description: 'Female' },
    { id: 3, description: 'Decline To Self Identify' },
  ],
  race: [
    { id: 1, description: 'American Indian or Alaskan Native' },
    { id: 2, description: 'Asian' },
    { id: 3, description: 'Black or African American' },
    { id: 4, description: 'Hispanic or Latino' },
    { id: 5, description: 'White' },
    { id: 6, description: 'Native Hawaiian or Other Pacific Islander' },
    { id: 7, description: 'Two or More Races' },
    { id: 8, description: 'Decline To Self Identify' },
  ],
  veteran: [
    { id: 1, description: 'I am not a protected veteran' },
    {
      id: 2,
      description: 'I identify as one or more of the classifications of protected veteran',
    },
    { id: 3, description: "I don't wish to answer" },
  ],
  disability: [
    {
      id: 1,
      description: 'Yes, I have a disability, or have a history/record of having a disability',
    },
    {
      id: 2,
      description: "No, I don't have a disability, or a history/record of having a disability",
    },
    { id: 3, description: "I don't wish to answer" },
  ],
} as const;

/** A person's race as the generator models it (the EEOC categories less the decline answer). */
export type Race =
  'american-indian' | 'asian' | 'black' | 'hispanic' | 'white' | 'pacific-islander' | 'two-or-more';

/** US applicant-pool shares of each race category. */
export const RACE_WEIGHTS: readonly {
  race: Race;
  weight: number;
  eeocId: number;
  workday: string;
}[] = [
  { race: 'white', weight: 52, eeocId: 5, workday: 'White (United States of America)' },
  { race: 'asian', weight: 20, eeocId: 2, workday: 'Asian (United States of America)' },
  {
    race: 'hispanic',
    weight: 12,
    eeocId: 4,
    workday: 'Hispanic or Latino (United States of America)',
  },
  {
    race: 'black',
    weight: 11,
    eeocId: 3,
    workday: 'Black or African American (United States of America)',
  },
  {
    race: 'two-or-more',
    weight: 3.5,
    eeocId: 7,
    workday: 'Two or More Races (United States of America)',
  },
  {
    race: 'american-indian',
    weight: 0.8,
    eeocId: 1,
    workday: 'American Indian or Alaska Native (United States of America)',
  },
  {
    race: 'pacific-islander',
    weight: 0.7,
    eeocId: 6,
    workday: 'Native Hawaiian or Other Pacific Islander (United States of America)',
  },
];

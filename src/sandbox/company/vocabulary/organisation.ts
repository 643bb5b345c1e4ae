/** Organisation areas, their teams and job families, and Workday's management levels. */

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

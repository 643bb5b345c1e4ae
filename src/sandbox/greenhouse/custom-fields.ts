/**
 * The organisation's custom field definitions (`/v3/custom_fields`, `/v3/custom_field_options`)
 * and the demographic question set (`/v3/demographic_*`). They are fixed configuration; the
 * values live on the records that carry them.
 */

export interface CustomFieldDefinition {
  readonly id: number;
  readonly name: string;
  readonly nameKey: string;
  readonly fieldType: 'candidate' | 'application' | 'job' | 'opening' | 'offer';
  readonly valueType: 'short_text' | 'single_select' | 'currency' | 'currency_range';
  readonly options: readonly string[];
}

export const CUSTOM_FIELDS: readonly CustomFieldDefinition[] = [
  {
    id: 11001,
    name: 'Desired Salary',
    nameKey: 'desired_salary',
    fieldType: 'candidate',
    valueType: 'short_text',
    options: [],
  },
  {
    id: 11002,
    name: 'Work Authorization',
    nameKey: 'work_authorization',
    fieldType: 'candidate',
    valueType: 'single_select',
    options: ['US Citizen', 'Permanent Resident', 'Requires Sponsorship', 'N/A'],
  },
  {
    id: 11003,
    name: 'Employment Type',
    nameKey: 'employment_type',
    fieldType: 'job',
    valueType: 'single_select',
    options: ['Full-time', 'Part-time', 'Intern', 'Contract'],
  },
  {
    id: 11004,
    name: 'Salary Range',
    nameKey: 'salary_range',
    fieldType: 'job',
    valueType: 'currency_range',
    options: [],
  },
  {
    id: 11005,
    name: 'Business Unit',
    nameKey: 'business_unit',
    fieldType: 'job',
    valueType: 'single_select',
    options: ['Product & Technology', 'Go-To-Market', 'Corporate'],
  },
  {
    id: 11006,
    name: 'Headcount Type',
    nameKey: 'headcount_type',
    fieldType: 'opening',
    valueType: 'single_select',
    options: ['New headcount', 'Backfill'],
  },
  {
    id: 11007,
    name: 'Base Salary',
    nameKey: 'base_salary',
    fieldType: 'offer',
    valueType: 'currency',
    options: [],
  },
  {
    id: 11008,
    name: 'Employment Type',
    nameKey: 'offer_employment_type',
    fieldType: 'offer',
    valueType: 'single_select',
    options: ['Full-time', 'Part-time', 'Intern', 'Contract'],
  },
];

/** Option ids are the field id times 100 plus the option's position. */
export function optionId(field: CustomFieldDefinition, index: number): number {
  return field.id * 100 + index + 1;
}

export interface DemographicQuestion {
  readonly id: number;
  readonly name: string;
  readonly options: readonly {
    readonly id: number;
    readonly label: string;
    readonly decline: boolean;
    readonly freeForm: boolean;
  }[];
}

/** The organisation's own (non-EEOC) self-identification question, asked outside the US. */
export const DEMOGRAPHIC_QUESTIONS: readonly DemographicQuestion[] = [
  {
    id: 1,
    name: 'How do you describe your gender identity?',
    options: [
      { id: 1, label: 'Woman', decline: false, freeForm: false },
      { id: 2, label: 'Man', decline: false, freeForm: false },
      { id: 3, label: 'Non-binary', decline: false, freeForm: false },
      { id: 4, label: 'I prefer to self-describe', decline: false, freeForm: true },
      { id: 5, label: 'I prefer not to answer', decline: true, freeForm: false },
    ],
  },
];

/**
 * The organisation: business units, offices, departments (areas with teams under them, which
 * double as Workday supervisory organisations), job families and job profiles. Sizes follow the
 * headcount knob: about one team per eighteen employees and more offices as the company grows.
 */
import type { Rng } from '../random.js';
import { wid } from '../random.js';
import { SECONDS_PER_DAY } from '../time.js';
import type { SimTime } from '../time.js';
import { idAt } from './ids.js';
import type {
  BusinessUnit,
  CompanySettings,
  Department,
  JobFamily,
  JobProfile,
  Office,
} from './model.js';
import { AREAS, MANAGEMENT_LEVELS } from './vocabulary/organisation.js';
import { COUNTRIES, OFFICES } from './vocabulary/places.js';
import type { AreaSpec } from './vocabulary/organisation.js';

export interface Organisation {
  readonly businessUnits: readonly BusinessUnit[];
  readonly offices: readonly Office[];
  readonly departments: Department[];
  readonly families: readonly JobFamily[];
  readonly profiles: readonly JobProfile[];
  /** The teams of each area; workers are placed in teams, areas hold their managers. */
  readonly teamsByArea: ReadonlyMap<AreaSpec, readonly Department[]>;
  readonly areaDepartments: ReadonlyMap<AreaSpec, Department>;
}

const AVERAGE_TEAM_SIZE = 18;

export function buildOrganisation(
  settings: CompanySettings,
  rng: Rng,
  founding: SimTime,
): Organisation {
  const seed = settings.seed;
  const businessUnits = [...new Set(AREAS.map((area) => area.businessUnit))].map(
    (name, index): BusinessUnit => ({
      index,
      name,
      code: `BU-${String(index + 1).padStart(2, '0')}`,
      wid: wid(seed, 'business-unit', index),
    }),
  );

  const officeCount = Math.min(
    OFFICES.length,
    Math.max(3, Math.round(3 + settings.employees / 250)),
  );
  const offices = OFFICES.slice(0, officeCount).map((spec, index): Office => {
    const country = COUNTRIES[spec.country];
    if (!country) throw new RangeError(`unknown country ${spec.country}`);
    const createdAt = founding + (index === 0 ? 0 : rng.int(30, 900) * SECONDS_PER_DAY);
    return {
      id: idAt('office', index),
      index,
      name: spec.city,
      spec,
      country,
      externalId: `LOC-${country.iso2}-${String(index + 1).padStart(3, '0')}`,
      wid: wid(seed, 'office', index),
      parent: null,
      createdAt,
      updatedAt: createdAt,
      primaryContact: null,
    };
  });

  const departments: Department[] = [];
  const teamsByArea = new Map<AreaSpec, Department[]>();
  const areaDepartments = new Map<AreaSpec, Department>();
  const totalWeight = AREAS.reduce((sum, area) => sum + area.weight, 0);
  const addDepartment = (
    name: string,
    area: AreaSpec,
    parent: Department | null,
    createdAt: SimTime,
  ): Department => {
    const index = departments.length;
    const businessUnit = businessUnits.find((unit) => unit.name === area.businessUnit);
    if (!businessUnit) throw new RangeError(`no business unit for ${area.name}`);
    const department: Department = {
      id: idAt('department', index),
      index,
      name,
      parent,
      area,
      businessUnit,
      externalId: `DEP-${String(index + 1).padStart(4, '0')}`,
      wid: wid(seed, 'department', index),
      code: `SUP-${String(index + 1).padStart(4, '0')}`,
      createdAt,
      updatedAt: createdAt,
      manager: null,
    };
    departments.push(department);
    return department;
  };
  for (const area of AREAS) {
    const root = addDepartment(area.name, area, null, founding);
    areaDepartments.set(area, root);
    const headcount = (settings.employees * area.weight) / totalWeight;
    const teamCount = Math.max(1, Math.round(headcount / AVERAGE_TEAM_SIZE));
    const teams: Department[] = [];
    for (let i = 0; i < teamCount; i++) {
      const base = area.teams[i % area.teams.length] ?? area.name;
      const round = Math.floor(i / area.teams.length);
      const name = round === 0 ? base : `${base} ${round + 1}`;
      const age = Math.pow(i / teamCount, 0.6) * settings.historyYears * 0.8 * 365;
      teams.push(addDepartment(name, area, root, founding + Math.round(age) * SECONDS_PER_DAY));
    }
    teamsByArea.set(area, teams);
  }

  const families: JobFamily[] = [];
  const profiles: JobProfile[] = [];
  for (const area of AREAS) {
    for (const spec of area.families) {
      const family: JobFamily = {
        index: families.length,
        wid: wid(seed, 'family', spec.code),
        spec,
        area,
      };
      families.push(family);
      spec.ladder.forEach((name, i) => {
        profiles.push({
          index: profiles.length,
          wid: wid(seed, 'profile', spec.code, i + 1),
          code: `${spec.code}-${i + 1}`,
          name,
          family,
          level: i + 1,
          managementLevel: MANAGEMENT_LEVELS[0],
          isManager: false,
          basePay: Math.round((spec.basePay * Math.pow(1.18, i)) / 500) * 500,
        });
      });
      spec.managers.forEach((name, i) => {
        profiles.push({
          index: profiles.length,
          wid: wid(seed, 'profile', spec.code, `M${i + 1}`),
          code: `${spec.code}-M${i + 1}`,
          name,
          family,
          level: 6 + i,
          managementLevel:
            MANAGEMENT_LEVELS[Math.min(i + 1, MANAGEMENT_LEVELS.length - 1)] ?? 'Manager',
          isManager: true,
          basePay: Math.round((spec.basePay * Math.pow(1.18, 3 + i)) / 500) * 500,
        });
      });
    }
  }

  return { businessUnits, offices, departments, families, profiles, teamsByArea, areaDepartments };
}

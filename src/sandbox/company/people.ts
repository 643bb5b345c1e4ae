/**
 * People and how they appear in records: names, personal emails and phone numbers, plus the
 * variations a second record of the same person shows (nicknames, typos, case, a married name,
 * plus-addressed or different mailboxes, phone formats). Identity resolution is scored against
 * these, so the variations follow what real ATS data looks like.
 */
import type { Rng } from '../random.js';
import { WeightedPicker } from '../random.js';
import type { SimTime } from '../time.js';
import { SECONDS_PER_DAY } from '../time.js';
import type { Gender, Person } from './model.js';
import {
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MAIL_PROVIDERS,
  MALE_FIRST_NAMES,
  NEUTRAL_FIRST_NAMES,
  NICKNAMES,
} from './vocabulary/names.js';
import { RACE_WEIGHTS } from './vocabulary/recruiting.js';
import type { CountrySpec, OfficeSpec } from './vocabulary/places.js';

const racePicker = new WeightedPicker(RACE_WEIGHTS, (entry) => entry.weight);
const providerPicker = new WeightedPicker(MAIL_PROVIDERS, (entry) => entry.weight);
const FORMAL_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(NICKNAMES).map(([formal, short]) => [short, formal]),
);

/** Hands out personal emails and guarantees no two people share one. */
export class PeopleFactory {
  readonly #taken = new Set<string>();
  readonly #persons: Person[];

  constructor(persons: Person[]) {
    this.#persons = persons;
  }

  /**
   * A new person living near `office`, aged 21 to 64 at `at`; `femaleShare` reflects the pool
   * the person comes from (engineering applicants differ from marketing applicants).
   */
  create(
    rng: Rng,
    office: OfficeSpec,
    country: CountrySpec,
    femaleShare: number,
    at: SimTime,
  ): Person {
    const roll = rng.next();
    const gender: Gender =
      roll < 0.015 ? 'nonbinary' : roll < 0.015 + femaleShare ? 'female' : 'male';
    const names =
      gender === 'nonbinary' || rng.chance(0.03)
        ? NEUTRAL_FIRST_NAMES
        : gender === 'female'
          ? FEMALE_FIRST_NAMES
          : MALE_FIRST_NAMES;
    const firstName = rng.pick(names);
    const lastName = rng.pick(LAST_NAMES);
    const race = racePicker.draw(rng);
    const age = 21 + Math.min(43, Math.floor(rng.exponential(11)));
    const person: Person = {
      index: this.#persons.length,
      firstName,
      lastName,
      gender,
      race: race.race,
      hispanic: race.race === 'hispanic' || rng.chance(0.02),
      veteran: rng.chance(gender === 'male' ? 0.07 : 0.02),
      disability: rng.chance(0.06),
      birthDay: Math.floor(at / SECONDS_PER_DAY) - age * 365 - rng.int(0, 364),
      email: this.email(rng, firstName, lastName),
      phone: nationalNumber(rng, office, country),
      country,
      quality: Math.round(rng.normal(0, 100)),
    };
    this.#persons.push(person);
    return person;
  }

  /** A personal email no one else has, built from the name in one of the usual patterns. */
  email(rng: Rng, firstName: string, lastName: string, domain?: string): string {
    const first = asciiLocal(firstName);
    const last = asciiLocal(lastName);
    const host = domain ?? providerPicker.draw(rng).domain;
    const pattern = rng.next();
    let local =
      pattern < 0.4
        ? `${first}.${last}`
        : pattern < 0.55
          ? `${first}${last}`
          : pattern < 0.7
            ? `${first.slice(0, 1)}${last}`
            : pattern < 0.85
              ? `${first}.${last}${rng.int(10, 99)}`
              : pattern < 0.9
                ? `${first}_${last}`
                : `${first}${last.slice(0, 1)}${rng.int(1, 9999)}`;
    // Joined rather than concatenated: a flat string costs less memory than a rope.
    let address = [local, '@', host].join('');
    while (this.#taken.has(address)) {
      local = [local, rng.int(0, 9)].join('');
      address = [local, '@', host].join('');
    }
    this.#taken.add(address);
    return address;
  }
}

/** A name as a second record of the same person might spell it. */
export function varyName(
  rng: Rng,
  firstName: string,
  lastName: string,
): { firstName: string; lastName: string } {
  const roll = rng.next();
  const nickname = NICKNAMES[firstName] ?? FORMAL_NAMES[firstName];
  if (roll < 0.3 && nickname) return { firstName: nickname, lastName };
  if (roll < 0.45) return { firstName, lastName: typo(rng, lastName) };
  if (roll < 0.55) return { firstName: firstName.toLowerCase(), lastName: lastName.toLowerCase() };
  if (roll < 0.65) return { firstName: stripAccents(firstName), lastName: stripAccents(lastName) };
  if (roll < 0.75) return { firstName: `${firstName} ${rng.pick([...'ABCDEJKLMRST'])}.`, lastName };
  if (roll < 0.85) return { firstName, lastName: `${lastName}-${rng.pick(LAST_NAMES)}` };
  if (roll < 0.92) return { firstName: typo(rng, firstName), lastName };
  return { firstName: ` ${firstName}`, lastName: `${lastName} ` };
}

/** The email a second record of the same person carries; null when it has none. */
export function varyEmail(rng: Rng, people: PeopleFactory, person: Person): string | null {
  const [local = '', host = ''] = person.email.split('@');
  const roll = rng.next();
  if (roll < 0.25) return person.email;
  if (roll < 0.4) return `${local}+jobs@${host}`;
  if (roll < 0.5) return person.email.toUpperCase();
  if (roll < 0.6) return `${local.replaceAll('.', '')}@${host}`;
  if (roll < 0.88) return people.email(rng, person.firstName, person.lastName);
  return null;
}

export type PhoneStyle = 'e164' | 'international' | 'national' | 'dotted';

/** A national significant number for a line in `office`'s city. */
export function nationalNumber(rng: Rng, office: OfficeSpec, country: CountrySpec): string {
  const length = country.groups.reduce((sum, n) => sum + n, 0);
  const area = rng.pick(office.areaCodes);
  // North American numbers use the 555-01xx block, which is reserved for fiction.
  if (country.callingCode === '1') return [area, '55501', rng.int(0, 9), rng.int(0, 9)].join('');
  const digits = [area];
  for (let n = area.length; n < length; n++) digits.push(String(rng.int(0, 9)));
  return digits.join('');
}

/** A phone number rendered the way people type it; `e164` is the normal form. */
export function formatPhone(nsn: string, country: CountrySpec, style: PhoneStyle): string {
  if (style === 'e164') return `+${country.callingCode}${nsn}`;
  const groups: string[] = [];
  let at = 0;
  for (const size of country.groups) {
    groups.push(nsn.slice(at, at + size));
    at += size;
  }
  if (style === 'international') return `+${country.callingCode} ${groups.join(' ')}`;
  if (country.callingCode === '1') {
    const [area = '', exchange = '', line = ''] = groups;
    return style === 'dotted' ? `${area}.${exchange}.${line}` : `(${area}) ${exchange}-${line}`;
  }
  const national = `${country.trunkPrefix}${groups.join(' ')}`;
  return style === 'dotted' ? national.replaceAll(' ', '.') : national;
}

const asciiCache = new Map<string, string>();

/** Lower-case ASCII letters and digits only, for building email local parts. */
export function asciiLocal(name: string): string {
  let local = asciiCache.get(name);
  if (local === undefined) {
    local = foldToAscii(name);
    if (asciiCache.size < 10_000) asciiCache.set(name, local);
  }
  return local;
}

function foldToAscii(name: string): string {
  return stripAccents(name)
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/[^a-z0-9]/g, '');
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function typo(rng: Rng, text: string): string {
  if (text.length < 4) return `${text}${text.slice(-1)}`;
  const at = rng.int(1, text.length - 2);
  return rng.chance(0.5)
    ? `${text.slice(0, at)}${text.charAt(at + 1)}${text.charAt(at)}${text.slice(at + 2)}`
    : `${text.slice(0, at)}${text.slice(at + 1)}`;
}

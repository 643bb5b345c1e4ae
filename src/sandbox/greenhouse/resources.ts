/**
 * Every Harvest v3 list endpoint the simulator serves, with the documented field names. Resources
 * are flat: children carry their parents' ids and nothing is embedded except data that has no
 * endpoint of its own (emails, phones, custom fields). Deleted records are simply absent.
 */
import type { ListEndpoint } from './list-endpoint.js';
import { organisationEndpoints } from './organisation-resources.js';
import { recruitingEndpoints } from './recruiting-resources.js';

/** All list endpoints by path segment. */
export function harvestEndpoints(): ReadonlyMap<string, ListEndpoint> {
  const endpoints = [...recruitingEndpoints(), ...organisationEndpoints()];
  return new Map(endpoints.map((endpoint) => [endpoint.path, endpoint]));
}

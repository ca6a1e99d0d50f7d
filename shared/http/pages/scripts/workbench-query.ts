// The workbench's filter form as the list's query; apart from the DOM so that its rules are tested alone.

const CASE_NUMBER = /^[A-Za-z]+-\d{8}-\d{4,}$/;
const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;
const FILTERS = ['status', 'level', 'category', 'source', 'overdue', 'deferred', 'paused', 'from', 'to'];

/**
 * The form's values as the list's query: the search box (`q`) is a case number, a phone number or else part of
 * an address, which the API takes as `number`, `phone` or the `address` filter.
 */
export function listQuery(values: Readonly<Record<string, string>>): URLSearchParams {
  const query = new URLSearchParams();
  const search = (values.q ?? '').trim();
  if (CASE_NUMBER.test(search)) query.set('number', search.toUpperCase());
  else if (PHONE.test(search)) query.set('phone', search);
  else if (search) query.set('address', search);
  // A case found by number or phone shows wherever the filters would leave it out: they go with an address only.
  if (query.has('number') || query.has('phone')) return query;
  for (const name of FILTERS) {
    const value = values[name] ?? '';
    if (value) query.set(name, value);
  }
  return query;
}

/** The export takes the list's filters, not its search by number or phone, nor its paging. */
export function exportQuery(query: URLSearchParams): URLSearchParams {
  const filters = new URLSearchParams(query);
  for (const name of ['number', 'phone', 'after', 'limit']) filters.delete(name);
  return filters;
}

import type { Context } from 'hono';

// A posted HTML form: every field as a list of strings (checkboxes repeat a name).

export class Form {
  private readonly fields: Map<string, string[]>;

  constructor(entries: Iterable<[string, string]> = []) {
    this.fields = new Map();
    for (const [name, value] of entries) this.fields.set(name, [...(this.fields.get(name) ?? []), value]);
  }

  static async read(c: Context): Promise<Form> {
    const type = c.req.header('content-type') ?? '';
    if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return new Form();
    const body = await c.req.parseBody({ all: true });
    const entries: [string, string][] = [];
    for (const [name, value] of Object.entries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string') entries.push([name, item]);
      }
    }
    return new Form(entries);
  }

  /** The field's (first) value, '' when absent. */
  get(name: string): string {
    return this.fields.get(name)?.[0] ?? '';
  }

  all(name: string): string[] {
    return this.fields.get(name) ?? [];
  }

  entries(): [string, string][] {
    return [...this.fields].flatMap(([name, values]) =>
      values.map((value): [string, string] => [name, value]),
    );
  }

  without(...names: string[]): Form {
    return new Form(this.entries().filter(([name]) => !names.includes(name)));
  }
}

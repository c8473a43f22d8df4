// An in-memory map of units (a few thousand rows) answering "does a grant on unit A cover unit B?":
// a grant covers the unit itself, the communes of a province, and units merged into it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface UnitInfo {
  id: number;
  code: string;
  kind: 'province' | 'commune' | 'ward' | 'special_zone';
  name: string;
  parentId: number | null;
  mergedIntoId: number | null;
  identifier: string;
}

export class UnitDirectory {
  #byId = new Map<number, UnitInfo>();
  #byCode = new Map<string, UnitInfo>();
  #loaded: Promise<void> | null = null;

  constructor(private readonly db: Kysely<DB>) {}

  invalidate(): void {
    this.#loaded = null;
  }

  async ready(): Promise<this> {
    this.#loaded ??= this.#load();
    await this.#loaded;
    return this;
  }

  async #load(): Promise<void> {
    const rows = await this.db
      .selectFrom('units')
      .select(['id', 'code', 'kind', 'name', 'parent_id', 'merged_into_id', 'identifier'])
      .execute();
    this.#byId = new Map();
    this.#byCode = new Map();
    for (const r of rows) {
      const u: UnitInfo = {
        id: r.id,
        code: r.code,
        kind: r.kind,
        name: r.name,
        parentId: r.parent_id,
        mergedIntoId: r.merged_into_id,
        identifier: r.identifier,
      };
      this.#byId.set(u.id, u);
      this.#byCode.set(u.code, u);
    }
  }

  byId(id: number): UnitInfo | undefined {
    return this.#byId.get(id);
  }

  byCode(code: string): UnitInfo | undefined {
    return this.#byCode.get(code);
  }

  all(): UnitInfo[] {
    return [...this.#byId.values()];
  }

  /** The unit and every unit above it: successors it was merged into, and parents. */
  ancestry(id: number): Set<number> {
    const seen = new Set<number>();
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      if (seen.has(cur)) continue;
      seen.add(cur);
      const u = this.#byId.get(cur);
      if (!u) continue;
      if (u.mergedIntoId) stack.push(u.mergedIntoId);
      if (u.parentId) stack.push(u.parentId);
    }
    return seen;
  }

  covers(grantUnitId: number, targetUnitId: number): boolean {
    return this.ancestry(targetUnitId).has(grantUnitId);
  }

  /** Every unit a grant on `unitId` covers (itself, its communes, units merged into any of them). */
  covered(unitId: number): number[] {
    return this.all()
      .filter((u) => this.covers(unitId, u.id))
      .map((u) => u.id);
  }

  /** The unit a merged unit's business now belongs to. */
  successor(id: number): UnitInfo | undefined {
    let u = this.#byId.get(id);
    const seen = new Set<number>();
    while (u?.mergedIntoId && !seen.has(u.id)) {
      seen.add(u.id);
      u = this.#byId.get(u.mergedIntoId);
    }
    return u;
  }

  provinceOf(id: number): UnitInfo | undefined {
    let u = this.#byId.get(id);
    while (u && u.kind !== 'province' && u.parentId) u = this.#byId.get(u.parentId);
    return u?.kind === 'province' ? u : undefined;
  }
}

import { PortableMigration } from '@cascade/platform';
import { decimalSql } from '../decimal-sql';

/**
 * Hourly totals per billing edge instead of per leaf path: each fact adds to
 * ancestor → child for every pair along its path as of its time, and to its
 * tenant's own use (child = ancestor). A subtree, an edge or a tree level is
 * then a range of this primary key, whatever the number of facts. The rows
 * of the old per-path rollup are carried over edge by edge.
 */
export class Migration0004EdgeRollup extends PortableMigration {
  override async up(): Promise<void> {
    const d = decimalSql(this.isPostgres);
    this.addSql(`create table usage_edge_rollup (
      meter_code varchar(128) not null,
      ancestor_id varchar(64) not null,
      child_id varchar(64) not null,
      hour bigint not null,
      total ${this.decimal} not null,
      events bigint not null,
      peak ${this.decimal} not null,
      primary key (meter_code, ancestor_id, hour, child_id))`);
    // Every path segment with its position: "/a/b/" gives (1, a) and (2, b).
    const segments = this.isPostgres
      ? `select meter_code, hour, path, total, events, peak, s.id, s.pos
         from usage_rollup, unnest(string_to_array(trim(both '/' from path), '/')) with ordinality as s(id, pos)`
      : `with recursive split(meter_code, hour, path, total, events, peak, rest, id, pos) as (
           select meter_code, hour, path, total, events, peak, substr(path, 2), '', 0 from usage_rollup
           union all
           select meter_code, hour, path, total, events, peak, substr(rest, instr(rest, '/') + 1),
             substr(rest, 1, instr(rest, '/') - 1), pos + 1 from split where rest <> '')
         select * from split where pos > 0`;
    this
      .addSql(`insert into usage_edge_rollup (meter_code, ancestor_id, child_id, hour, total, events, peak)
      select a.meter_code, a.id, coalesce(b.id, a.id), a.hour, ${d.sum('a.total')}, sum(a.events), ${d.max('a.peak')}
      from (${segments}) a left join (${segments}) b
        on b.meter_code = a.meter_code and b.hour = a.hour and b.path = a.path and b.pos = a.pos + 1
      group by a.meter_code, a.id, coalesce(b.id, a.id), a.hour`);
    this.addSql('drop table usage_rollup');
  }
}

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../../..");
const WRITE =
  /\.(incident|investigation|evidence|activity|activityCounter)\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\(/;
const RAW_WRITE = /(INSERT INTO|UPDATE|DELETE FROM)\s+"(Incident|Investigation|Evidence|Activity|ActivityCounter)"/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "dist") return [];
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith(".ts") ? [full] : [];
  });
}

describe("one home for every incident change (ARCHITECTURE.md)", () => {
  const production = ["packages", "services"]
    .flatMap((top) => readdirSync(path.join(root, top)).map((name) => path.join(root, top, name, "src")))
    .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    .flatMap(sources);

  const statements = path.join(root, "packages/db/src/batch");

  it("no source outside packages/domain writes incidents, investigations, evidence or activity", () => {
    // packages/db/src/batch holds the set-based statements of the hot paths: called by domain operations only (below).
    const outside = production.filter(
      (file) => !file.startsWith(path.join(root, "packages/domain/src")) && !file.startsWith(statements),
    );
    const offenders = outside.filter((file) => {
      const text = readFileSync(file, "utf8");
      return WRITE.test(text) || RAW_WRITE.test(text);
    });
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  const batchWriters = sources(statements)
    .filter((file) => RAW_WRITE.test(readFileSync(file, "utf8")))
    .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/export async function (\w+)/g)].map((m) => m[1]!));
  const callsBatchWriter = (text: string) => batchWriters.some((name) => text.includes(`${name}(`));

  it("the batched statements that write them are called by packages/domain only", () => {
    const names = batchWriters;
    expect(names).toEqual(expect.arrayContaining(["insertNewIncidents", "countDuplicates", "triageOpenIncidents"]));
    const callers = production.filter((file) => !file.startsWith(statements) && callsBatchWriter(readFileSync(file, "utf8")));
    expect(callers.length).toBeGreaterThan(0);
    expect(
      callers.filter((file) => !file.startsWith(path.join(root, "packages/domain/src"))).map((f) => path.relative(root, f)),
    ).toEqual([]);
  });

  it("the check itself finds the writes inside packages/domain", () => {
    const inside = production.filter((file) => file.startsWith(path.join(root, "packages/domain/src")));
    const writing = inside.filter((file) => {
      const text = readFileSync(file, "utf8");
      return WRITE.test(text) || callsBatchWriter(text);
    });
    expect(writing.length).toBeGreaterThan(10);
  });
});

import { randomBytes } from "node:crypto";
import { applyMigrationsToSchema, createPrismaClient, dropSchema, type PrismaClient } from "@causeflow/db";
import { TEST_DATABASE_URL } from "./test-env";

export interface TestDatabase {
  prisma: PrismaClient;
  schema: string;
  close(): Promise<void>;
}

/** A fresh Postgres schema with every migration applied, for one suite. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const schema = `t_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  await applyMigrationsToSchema(TEST_DATABASE_URL, schema);
  const prisma = createPrismaClient({ databaseUrl: TEST_DATABASE_URL, schema });
  return {
    prisma,
    schema,
    async close() {
      await prisma.$disconnect();
      await dropSchema(TEST_DATABASE_URL, schema);
    },
  };
}

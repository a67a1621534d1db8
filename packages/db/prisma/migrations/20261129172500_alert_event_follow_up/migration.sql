-- AlterTable
ALTER TABLE "AlertEvent" ADD COLUMN     "followUp" JSONB;


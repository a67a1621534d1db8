import type { Incident } from "@causeflow/db";
import { classifySeverity, STORM_COUNT_CAP, type StormCounter } from "../src/classify-severity";

const incident = { tenantId: "ten_1", service: "web", severity: "low", environment: null } as unknown as Incident;

describe("a storm rule", () => {
  it("counts up to its cap, and says when the count reached it", async () => {
    const asked: Parameters<StormCounter>[0][] = [];
    const counter: StormCounter = async (question) => {
      asked.push(question);
      return question.cap;
    };
    const rules = [
      { kind: "storm" as const, minIncidents: 5, windowMinutes: 10, adjust: 1 },
      { kind: "storm" as const, minIncidents: 5000, windowMinutes: 60, adjust: 1 },
    ];
    const classified = await classifySeverity(incident, rules, counter);
    expect(asked).toEqual([
      { tenantId: "ten_1", service: "web", windowMinutes: 10, cap: STORM_COUNT_CAP },
      { tenantId: "ten_1", service: "web", windowMinutes: 60, cap: 5000 },
    ]);
    expect(classified).toEqual({
      severity: "high",
      reasons: [
        "alert storm: 1000+ open incidents on web within 10 min: low → medium",
        "alert storm: 5000+ open incidents on web within 60 min: medium → high",
      ],
    });
  });

  it("asks nothing for an incident with no service", async () => {
    const counter = jest.fn<ReturnType<StormCounter>, Parameters<StormCounter>>();
    const rules = [{ kind: "storm" as const, minIncidents: 2, windowMinutes: 10, adjust: 1 }];
    expect(await classifySeverity({ ...incident, service: null }, rules, counter)).toEqual({ severity: "low", reasons: [] });
    expect(counter).not.toHaveBeenCalled();
  });
});

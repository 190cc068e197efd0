import { forecastCache } from "./forecastCache.js";
import { forecastCore } from "./forecastCore.js";
import type { Forecast, ForecastInput } from "./forecastTypes.js";
import { sensitivityTable } from "./sensitivity.js";

/**
 * The whole chain of DESIGN.md in one call (the forecast of `scalecast forecast`): {@link forecastCore}'s
 * outputs with their 95% intervals, and the sensitivity table ({@link sensitivityTable}: the % change of
 * each output when each input moves), unless `sensitivity` is false or no draws are pushed (`maxDraws` 0).
 */
export function forecast(input: ForecastInput): Forecast {
  // one cache for the forecast and the table's re-runs (the caller's, or one for this call)
  const withCache = input.cache ? input : { ...input, cache: forecastCache() };
  const result = forecastCore(withCache);
  if ((input.maxDraws ?? Number.POSITIVE_INFINITY) > 0 && input.sensitivity !== false)
    result.sensitivity = sensitivityTable(withCache, result);
  return result;
}

import { InputError } from "../units/InputError.js";
import { parseCaseFile } from "./parseCaseFile.js";
import { type CorpusCase, CorpusFileSchema } from "./corpusCase.js";
import bloom2022 from "./corpus/bloom2022.json" with { type: "json" };
import deepspeedAzure2022 from "./corpus/deepspeed-azure2022.json" with { type: "json" };
import deepspeedBert2020 from "./corpus/deepspeed-bert2020.json" with { type: "json" };
import dgxc2025 from "./corpus/dgxc2025.json" with { type: "json" };
import flashattn2022 from "./corpus/flashattn2022.json" with { type: "json" };
import gptNeox2022 from "./corpus/gpt-neox2022.json" with { type: "json" };
import korthikanti2022 from "./corpus/korthikanti2022.json" with { type: "json" };
import llama32024 from "./corpus/llama3-2024.json" with { type: "json" };
import llmfoundry2023 from "./corpus/llmfoundry2023.json" with { type: "json" };
import maxtext2023 from "./corpus/maxtext2023.json" with { type: "json" };
import megatronBridge2025 from "./corpus/megatron-bridge2025.json" with { type: "json" };
import megatronCore2024 from "./corpus/megatron-core2024.json" with { type: "json" };
import megatronLm2020 from "./corpus/megatron-lm2020.json" with { type: "json" };
import megatronMoe2024 from "./corpus/megatron-moe2024.json" with { type: "json" };
import mtnlg2022 from "./corpus/mtnlg2022.json" with { type: "json" };
import narayanan2021 from "./corpus/narayanan2021.json" with { type: "json" };
import nemo2024 from "./corpus/nemo2024.json" with { type: "json" };
import opt2022 from "./corpus/opt2022.json" with { type: "json" };
import palm2022 from "./corpus/palm2022.json" with { type: "json" };
import shoeybi2019 from "./corpus/shoeybi2019.json" with { type: "json" };
import torchtitan2024 from "./corpus/torchtitan2024.json" with { type: "json" };

/** Every corpus file by its source id (the file's name; one file per source). */
const FILES: Readonly<Record<string, unknown>> = {
  bloom2022: bloom2022,
  "deepspeed-azure2022": deepspeedAzure2022,
  "deepspeed-bert2020": deepspeedBert2020,
  dgxc2025: dgxc2025,
  flashattn2022: flashattn2022,
  "gpt-neox2022": gptNeox2022,
  korthikanti2022: korthikanti2022,
  "llama3-2024": llama32024,
  llmfoundry2023: llmfoundry2023,
  maxtext2023: maxtext2023,
  "megatron-bridge2025": megatronBridge2025,
  "megatron-core2024": megatronCore2024,
  "megatron-lm2020": megatronLm2020,
  "megatron-moe2024": megatronMoe2024,
  mtnlg2022: mtnlg2022,
  narayanan2021: narayanan2021,
  nemo2024: nemo2024,
  opt2022: opt2022,
  palm2022: palm2022,
  shoeybi2019: shoeybi2019,
  torchtitan2024: torchtitan2024,
};

/**
 * Validate one corpus file: the {@link CorpusFileSchema}, every case's `source.id` equal to the file's
 * name, and case names unique within the file.
 *
 * @param file - the source id the file is named after (`<id>.json`).
 * @param data - the parsed JSON.
 * @throws InputError naming the file, the case (by name or index) and the field.
 */
export function parseCorpusFile(file: string, data: unknown): CorpusCase[] {
  return parseCaseFile(CorpusFileSchema, `corpus/${file}.json`, file, data);
}

/**
 * The validation corpus of issue 12: measured training runs from papers, model cards and framework
 * performance tables, one JSON file per source under `src/validation/corpus/`, validated when this
 * module loads. Case names are unique across the corpus. Pure: the files are bundled as JSON modules.
 */
export const CORPUS: readonly CorpusCase[] = Object.freeze(
  uniqueNames(Object.entries(FILES).flatMap(([file, data]) => parseCorpusFile(file, data))),
);

/** The cases unchanged, after checking that no name is used twice across files. */
function uniqueNames(cases: CorpusCase[]): CorpusCase[] {
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name))
      throw new InputError("corpus case name", c.name, "a name used once across the corpus");
    names.add(c.name);
  }
  return cases;
}

/** One source of the corpus: its id, citation, and how many cases it gives (and how many were read). */
export interface CorpusSource {
  id: string;
  citation: string;
  cases: number;
  /** Cases whose number was read in a stored copy of the source (`verified: "read"`). */
  read: number;
}

/** The corpus's sources in file order, with their case counts. */
export function corpusSources(corpus: readonly CorpusCase[] = CORPUS): CorpusSource[] {
  const byId = new Map<string, CorpusSource>();
  for (const c of corpus) {
    const s = byId.get(c.source.id) ?? { id: c.source.id, citation: c.source.citation, cases: 0, read: 0 };
    s.cases += 1;
    if (c.verified === "read") s.read += 1;
    byId.set(c.source.id, s);
  }
  return [...byId.values()];
}

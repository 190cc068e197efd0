import type { MixerSpec } from "../mixer/mixer.js";

const mixer = (o: { layers: number; hidden: number; tokenMlp: number; channelMlp: number }): MixerSpec => ({
  family: "mixer",
  patch: 16,
  image: 224,
  classes: 1000,
  channels: 3,
  ...o,
});

/**
 * MLP-Mixer presets at 224×224 with a 1000-class head: Mixer-S/16, -B/16 and -L/16 (Tolstikhin et al.
 * 2021, Table 1: layers, hidden C, token-mixing width D_S, channel-mixing width D_C).
 */
export const MIXER_PRESETS: readonly { name: string; spec: MixerSpec; source: string }[] = [
  {
    name: "mixer-s16",
    spec: mixer({ layers: 8, hidden: 512, tokenMlp: 256, channelMlp: 2048 }),
    source: "Tolstikhin et al. 2021 Table 1 (Mixer-S/16)",
  },
  {
    name: "mixer-b16",
    spec: mixer({ layers: 12, hidden: 768, tokenMlp: 384, channelMlp: 3072 }),
    source: "Tolstikhin et al. 2021 Table 1 (Mixer-B/16)",
  },
  {
    name: "mixer-l16",
    spec: mixer({ layers: 24, hidden: 1024, tokenMlp: 512, channelMlp: 4096 }),
    source: "Tolstikhin et al. 2021 Table 1 (Mixer-L/16)",
  },
];

/** Colours as data (protomaps' Flavor idea): one object per theme, same keys. */
export interface Theme {
  paper: string;
  mask: string;
  ink: string;
  halo: string;
  county: string;
  neighbour: string;
  neighbourLabel: string;
  towns: string;
  zones: string;
  regional: string;
  innovation: string;
  emergencyCounty: string;
  emergencyTown: string;
  emergencyVillage: string;
  water: string;
  villages: string;
  imported: string;
  highlight: string;
}

export const LIGHT: Theme = {
  paper: "#f4f1ea",
  mask: "#ffffff",
  ink: "#2b2b2b",
  halo: "#ffffff",
  county: "#7a4b2a",
  neighbour: "#e6e1d6",
  neighbourLabel: "#8a8070",
  towns: "#5b6c8f",
  zones: "#c2410c",
  regional: "#0e7490",
  innovation: "#7c3aed",
  emergencyCounty: "#b91c1c",
  emergencyTown: "#dc2626",
  emergencyVillage: "#f87171",
  water: "#2f80c0",
  villages: "#4d7c0f",
  imported: "#0f766e",
  highlight: "#facc15",
};

/** The single font stack used on the map; its files are declared in the style's font-faces. */
export const MAP_FONT = "Noto Sans SC Regular";

/**
 * Approximate centres of Shenzhen's districts (WGS-84, district government seats, rounded to
 * ~100 m), curated by hand: the gazetteer has no coordinates yet. GeoJSON exports and Open311
 * lat/long use these with precision "district"; replace with the gazetteer's when it has them.
 */
const DISTRICTS: Record<string, { lat: number; lon: number }> = {
  福田区: { lat: 22.5223, lon: 114.0553 },
  罗湖区: { lat: 22.5483, lon: 114.1315 },
  南山区: { lat: 22.5329, lon: 113.9305 },
  盐田区: { lat: 22.5578, lon: 114.2365 },
  宝安区: { lat: 22.5553, lon: 113.8830 },
  龙岗区: { lat: 22.7200, lon: 114.2468 },
  龙华区: { lat: 22.6965, lon: 114.0447 },
  坪山区: { lat: 22.6910, lon: 114.3464 },
  光明区: { lat: 22.7489, lon: 113.9359 },
  大鹏新区: { lat: 22.5925, lon: 114.4795 },
};

export function districtCoordinates(district: string | null | undefined): { lat: number; lon: number } | null {
  return (district && DISTRICTS[district]) || null;
}

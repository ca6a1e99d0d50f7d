import type { RegistryData } from '#adapters/dynamodb/registry-writer.ts';
import type { Boundary, Department, Grid, Person, Position, Unit } from '#domain/registry.ts';

/** A small deterministic PRNG (mulberry32): the same seed always yields the same district. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Shaped like Lusong District, Zhuzhou: five street offices and a town, 288 grids served by 357 workers.
const STREETS = [
  { name: '建设街道', communities: ['光明', '建设', '新华', '贺家土', '枫溪', '红旗', '大坪', '曲尺'] },
  { name: '建宁街道', communities: ['建宁', '湘天', '沿江', '钟鼓岭', '太平', '月塘', '杨梅'] },
  { name: '庆云街道', communities: ['庆云', '芦淞', '向阳', '山塘', '桂花', '瑞丰'] },
  { name: '龙泉街道', communities: ['龙泉', '湘水', '姚家坝', '学林', '荷花', '天鹅'] },
  { name: '董家塅街道', communities: ['董家塅', '枫树', '高科', '吴家冲', '长坡'] },
  {
    name: '白关镇',
    communities: ['白关', '丫江桥', '群丰', '长坡铺', '湖塘', '坪塘', '天井', '花园', '黄塘', '枫岭'],
  },
];
const GRID_COUNT = 288;
const WORKER_COUNT = 357;
const ROADS = [
  '建设路',
  '解放街',
  '人民路',
  '新华路',
  '红旗路',
  '芦淞路',
  '车站路',
  '湘水街',
  '荷花路',
  '长江路',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华红玉梅文辉鹏波宇浩凯健俊帆';
// The district's south-west corner and the size of one grid cell, in degrees.
const ORIGIN: Position = [113.13, 27.78];
const CELL: Position = [0.004, 0.003];
const COLUMNS = 24;

export const DEMO_DISTRICT_ID = 'd-lusong';

/** The functional departments cases are transferred to (转派), each with a handler on duty and a supervisor. */
export const DEMO_DEPARTMENTS: readonly Pick<Department, 'id' | 'name' | 'kind'>[] = [
  { id: 'dep-water', name: '株洲市自来水公司芦淞营业所', kind: 'water' },
  { id: 'dep-power', name: '国网株洲供电公司芦淞供电部', kind: 'power' },
  { id: 'dep-urban', name: '芦淞区城市管理和综合执法局', kind: 'urban_management' },
  { id: 'dep-housing', name: '芦淞区住房和城乡建设局（物业管理）', kind: 'housing' },
  { id: 'dep-market', name: '芦淞区市场监督管理局', kind: 'market_supervision' },
];

function nameFrom(next: () => number): string {
  const pick = (chars: string) => chars[Math.floor(next() * chars.length)] ?? '';
  return pick(SURNAMES) + pick(GIVEN) + (next() < 0.5 ? pick(GIVEN) : '');
}

function phoneOf(index: number): string {
  return `138${String(73000000 + index).padStart(8, '0')}`;
}

function cell(index: number): Boundary {
  const [lng, lat] = [
    ORIGIN[0] + (index % COLUMNS) * CELL[0],
    ORIGIN[1] + Math.floor(index / COLUMNS) * CELL[1],
  ];
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  const ring: Position[] = [
    [round(lng), round(lat)],
    [round(lng + CELL[0]), round(lat)],
    [round(lng + CELL[0]), round(lat + CELL[1])],
    [round(lng), round(lat + CELL[1])],
    [round(lng), round(lat)],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

/** The centre of a demo grid: a point the polygon routing sends to that grid. */
export function demoGridCentre(grid: Pick<Grid, 'boundary'>): { lat: number; lng: number } {
  const ring =
    grid.boundary.type === 'Polygon' ? grid.boundary.coordinates[0] : grid.boundary.coordinates[0]?.[0];
  const [[lng0, lat0] = [0, 0], , [lng1, lat1] = [0, 0]] = ring ?? [];
  return { lng: (lng0 + lng1) / 2, lat: (lat0 + lat1) / 2 };
}

/** The demo district's registry: units with supervisors, grids with boundaries and addresses, workers. */
export function demoDistrict(seed = 20_260_101): RegistryData {
  const next = random(seed);
  const units: Unit[] = [];
  const grids: Grid[] = [];
  const people: Person[] = [];
  const supervisor = (id: string, role: Person['role'], unitId: string, title: string): string => {
    people.push({
      id,
      name: `${nameFrom(next)}（${title}）`,
      role,
      unitId,
      onDuty: true,
      phone: phoneOf(people.length),
      email: `${id}@example.gov.cn`,
    });
    return id;
  };

  const communities = STREETS.flatMap((street, s) =>
    street.communities.map((name, c) => ({
      streetIndex: s,
      id: `c-${s + 1}${String(c + 1).padStart(2, '0')}`,
      name: `${name}社区`,
    })),
  );
  units.push({
    id: DEMO_DISTRICT_ID,
    level: 'district',
    name: '芦淞区',
    code: 'LS',
    parentId: null,
    supervisorIds: [supervisor('sup-d', 'district_supervisor', DEMO_DISTRICT_ID, '区网格中心')],
  });
  STREETS.forEach((street, s) => {
    const id = `s-${s + 1}`;
    units.push({
      id,
      level: 'street',
      name: street.name,
      parentId: DEMO_DISTRICT_ID,
      supervisorIds: [supervisor(`sup-${id}`, 'street_supervisor', id, '街道网格站')],
    });
  });
  for (const community of communities) {
    units.push({
      id: community.id,
      level: 'community',
      name: community.name,
      parentId: `s-${community.streetIndex + 1}`,
      supervisorIds: [supervisor(`sup-${community.id}`, 'community_supervisor', community.id, '社区网格长')],
    });
  }

  // Grids go to communities in turn, so every community has six or seven.
  const extraWorkers = WORKER_COUNT - GRID_COUNT;
  for (let index = 0; index < GRID_COUNT; index++) {
    const community = communities[index % communities.length] as (typeof communities)[number];
    const gridNumber = Math.floor(index / communities.length) + 1;
    const id = `g-${String(index + 1).padStart(3, '0')}`;
    const workerCount = index < extraWorkers ? 2 : 1;
    const workers = Array.from({ length: workerCount }, () => {
      const worker: Person = {
        id: `w-${String(people.filter((person) => person.role === 'grid_worker').length + 1).padStart(4, '0')}`,
        name: nameFrom(next),
        role: 'grid_worker',
        unitId: id,
        onDuty: true,
        phone: phoneOf(people.length),
      };
      people.push(worker);
      return { id: worker.id, name: worker.name };
    });
    const road = ROADS[index % ROADS.length] as string;
    grids.push({
      id,
      name: `${community.name}第${gridNumber}网格`,
      communityId: community.id,
      streetId: `s-${community.streetIndex + 1}`,
      districtId: DEMO_DISTRICT_ID,
      workers,
      addresses: [1, 2, 3].map((building) => `${community.name}${road}${index + 1}号${building}栋`),
      boundary: cell(index),
    });
  }
  // Departments come last, so the ladder's people keep their ids and phone numbers whatever departments exist.
  const departments = DEMO_DEPARTMENTS.map((department) => {
    const staff = (role: Person['role'], suffix: string, title: string) => {
      const id = `${department.id}-${suffix}`;
      people.push({
        id,
        name: `${nameFrom(next)}（${title}）`,
        role,
        unitId: department.id,
        onDuty: true,
        phone: phoneOf(people.length),
        email: `${id}@example.gov.cn`,
      });
      return [id];
    };
    return {
      ...department,
      districtId: DEMO_DISTRICT_ID,
      handlerIds: staff('department_handler', 'h1', '受理员'),
      supervisorIds: staff('department_supervisor', 'sup', '负责人'),
    };
  });
  return { units, grids, people, departments };
}

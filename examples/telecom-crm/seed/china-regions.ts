/**
 * Where seed customers live: prefecture cities of Sichuan and Fujian with
 * their long-distance area codes and some of their districts, each with the
 * six-digit administrative division code (GB/T 2260) that begins the resident
 * ID numbers of people registered there. `weight` is a rough share of
 * customers (illustrative, loosely following population).
 */
export interface District {
  readonly name: string;
  readonly code: string;
}

export interface City {
  readonly province: string;
  readonly name: string;
  readonly areaCode: string;
  readonly weight: number;
  readonly districts: readonly District[];
}

const d = (name: string, code: string): District => ({ name, code });

export const CITIES: readonly City[] = [
  {
    province: '四川省', name: '成都市', areaCode: '028', weight: 30,
    districts: [d('锦江区', '510104'), d('青羊区', '510105'), d('金牛区', '510106'), d('武侯区', '510107'), d('成华区', '510108'), d('龙泉驿区', '510112'), d('新都区', '510114'), d('温江区', '510115'), d('双流区', '510116'), d('郫都区', '510117')],
  },
  { province: '四川省', name: '绵阳市', areaCode: '0816', weight: 6, districts: [d('涪城区', '510703'), d('游仙区', '510704'), d('安州区', '510705')] },
  { province: '四川省', name: '德阳市', areaCode: '0838', weight: 4, districts: [d('旌阳区', '510603'), d('罗江区', '510604'), d('广汉市', '510681')] },
  { province: '四川省', name: '南充市', areaCode: '0817', weight: 6, districts: [d('顺庆区', '511302'), d('高坪区', '511303'), d('嘉陵区', '511304')] },
  { province: '四川省', name: '宜宾市', areaCode: '0831', weight: 5, districts: [d('翠屏区', '511502'), d('南溪区', '511503'), d('叙州区', '511504')] },
  { province: '四川省', name: '泸州市', areaCode: '0830', weight: 5, districts: [d('江阳区', '510502'), d('纳溪区', '510503'), d('龙马潭区', '510504')] },
  { province: '四川省', name: '乐山市', areaCode: '0833', weight: 4, districts: [d('市中区', '511102'), d('五通桥区', '511112'), d('峨眉山市', '511181')] },
  { province: '四川省', name: '达州市', areaCode: '0818', weight: 5, districts: [d('通川区', '511702'), d('达川区', '511703')] },
  {
    province: '福建省', name: '福州市', areaCode: '0591', weight: 10,
    districts: [d('鼓楼区', '350102'), d('台江区', '350103'), d('仓山区', '350104'), d('马尾区', '350105'), d('晋安区', '350111'), d('长乐区', '350112')],
  },
  {
    province: '福建省', name: '厦门市', areaCode: '0592', weight: 7,
    districts: [d('思明区', '350203'), d('海沧区', '350205'), d('湖里区', '350206'), d('集美区', '350211'), d('同安区', '350212'), d('翔安区', '350213')],
  },
  {
    province: '福建省', name: '泉州市', areaCode: '0595', weight: 8,
    districts: [d('鲤城区', '350502'), d('丰泽区', '350503'), d('洛江区', '350504'), d('石狮市', '350581'), d('晋江市', '350582'), d('南安市', '350583')],
  },
  { province: '福建省', name: '漳州市', areaCode: '0596', weight: 4, districts: [d('芗城区', '350602'), d('龙文区', '350603')] },
  { province: '福建省', name: '莆田市', areaCode: '0594', weight: 3, districts: [d('城厢区', '350302'), d('涵江区', '350303'), d('荔城区', '350304')] },
  { province: '福建省', name: '龙岩市', areaCode: '0597', weight: 2, districts: [d('新罗区', '350802'), d('永定区', '350803')] },
  { province: '福建省', name: '宁德市', areaCode: '0593', weight: 2, districts: [d('蕉城区', '350902'), d('福安市', '350981')] },
];

/** Every district with its city, in a fixed order: resident ID region codes are drawn from it. */
export const DISTRICTS: ReadonlyArray<{ readonly city: City; readonly district: District }> = CITIES.flatMap((city) =>
  city.districts.map((district) => ({ city, district })),
);

/** District indexes weighted so that each city gets its share of customers. */
export const DISTRICT_WEIGHTS: ReadonlyArray<readonly [number, number]> = DISTRICTS.map(
  ({ city }, index) => [index, city.weight / city.districts.length] as const,
);

/** Roads found in most Chinese cities, for addresses. */
export const ROADS: readonly string[] = [
  '人民路', '人民南路', '建设路', '解放路', '中山路', '新华路', '滨江路', '文化路', '学府路', '和平路', '光明路',
  '东风路', '胜利路', '青年路', '长江路', '金沙路', '府前路', '北大街', '南大街', '东大街', '西大街', '工业大道',
  '科技路', '创业路', '湖滨路', '迎宾大道', '五一路', '八一路', '环城北路', '环城南路',
];

/** Office parks and buildings, for enterprise addresses. */
export const BUILDINGS: readonly string[] = [
  '国际金融中心', '时代广场', '环球中心', '软件园', '科技大厦', '商务中心', '金融城', '创业园', '银泰中心', '世纪广场',
];

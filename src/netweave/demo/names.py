"""Names and places for the demo's people: naming traditions and where people live (fictional)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Culture:
    """A naming tradition: given names by gender, family names, and where people often live.

    ``"Latin|native"`` entries carry a native-script form; ``"male/female"`` family names
    (Polish) agree with gender; ``family_first`` orders a native-script display name.
    """

    key: str
    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    cities: tuple[str, ...]
    family_first: bool = False


CULTURES: tuple[Culture, ...] = (
    Culture(
        "english", 16,
        ("Emily", "Sarah", "Jessica", "Hannah", "Olivia", "Grace", "Megan", "Rachel", "Katherine",
         "Lauren", "Chloe", "Abigail", "Alex", "Jordan", "Taylor", "Riley"),
        ("James", "Michael", "David", "Daniel", "Ryan", "Matthew", "Andrew", "Thomas", "Benjamin",
         "Christopher", "Nathan", "William", "Sam", "Casey", "Robin", "Charlie"),
        ("Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Walker", "Thompson",
         "O'Brien", "Murphy", "Campbell", "Hughes", "Bennett", "Carter", "Foster", "Reed"),
        ("London, UK", "Toronto, Canada", "Boston, MA", "Chicago, IL", "Denver, CO"),
    ),
    Culture(
        "spanish", 10,
        ("María", "Lucía", "Sofía", "Valentina", "Camila", "Daniela", "Isabel", "Ana", "Gabriela",
         "Paula", "Ximena", "Mariana"),
        ("José", "Carlos", "Javier", "Diego", "Alejandro", "Luis", "Mateo", "Andrés", "Santiago",
         "Miguel", "Pablo", "Rodrigo"),
        ("García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez",
         "Ramírez", "Torres", "Flores", "Morales", "Castillo", "Ortiz", "Vargas", "Jiménez"),
        ("Mexico City, Mexico", "Bogotá, Colombia", "Madrid, Spain", "Los Angeles, CA",
         "Buenos Aires, Argentina"),
    ),
    Culture(
        "chinese", 8,
        ("Fang|芳", "Li|丽", "Na|娜", "Jing|静", "Xiuying|秀英", "Min|敏", "Yan|燕", "Xin|欣",
         "Mei|梅", "Ting|婷"),
        ("Wei|伟", "Lei|磊", "Jun|军", "Yong|勇", "Tao|涛", "Ming|明", "Hao|浩", "Jie|杰",
         "Chao|超", "Bo|波"),
        ("Wang|王", "Li|李", "Zhang|张", "Liu|刘", "Chen|陈", "Yang|杨", "Huang|黄", "Zhao|赵",
         "Wu|吴", "Zhou|周", "Xu|徐", "Sun|孙"),
        ("Shanghai, China", "Shenzhen, China", "Singapore", "San Jose, CA", "Vancouver, Canada"),
        family_first=True,
    ),
    Culture(
        "indian", 9,
        ("Priya", "Ananya", "Aishwarya", "Kavya", "Divya", "Meera", "Sneha", "Pooja", "Lakshmi",
         "Nandini", "Shreya", "Ishita"),
        ("Arjun", "Rahul", "Vikram", "Rohan", "Aditya", "Karthik", "Sanjay", "Amit", "Nikhil",
         "Siddharth", "Varun", "Pranav"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Singh", "Mehta", "Rao",
         "Krishnan", "Banerjee", "Desai", "Kulkarni", "Menon", "Chatterjee", "Joshi"),
        ("Bengaluru, India", "Mumbai, India", "Hyderabad, India", "San Jose, CA", "Seattle, WA"),
    ),
    Culture(
        "nigerian", 5,
        ("Chiamaka", "Ngozi", "Adaeze", "Funmilayo", "Aisha", "Temitope", "Yetunde", "Chioma",
         "Ifeoma", "Zainab"),
        ("Chinedu", "Oluwaseun", "Emeka", "Tunde", "Ikechukwu", "Obinna", "Babatunde", "Segun",
         "Femi", "Kelechi"),
        ("Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Adebayo", "Ogunleye",
         "Afolabi", "Okeke", "Bello", "Obi"),
        ("Lagos, Nigeria", "Abuja, Nigeria", "London, UK", "Houston, TX"),
    ),
    Culture(
        "arabic", 6,
        ("Fatima", "Layla", "Mariam", "Noor", "Yasmin", "Huda", "Rania", "Salma", "Amira"),
        ("Omar", "Ahmed", "Youssef", "Khalid", "Karim", "Tariq", "Hassan", "Ali", "Samir",
         "Faisal"),
        ("Haddad", "Al-Farsi", "Khoury", "Nasser", "Mansour", "Saleh", "Hamdan", "El-Amin",
         "Aziz", "Rahman", "Darwish", "Khalil"),
        ("Dubai, UAE", "Amman, Jordan", "Cairo, Egypt", "Dearborn, MI", "Paris, France"),
    ),
    Culture(
        "japanese", 5,
        ("Yuki|由紀", "Haruka|遥", "Aoi|葵", "Sakura|さくら", "Mei|芽衣", "Yui|結衣", "Hina|陽菜",
         "Nanami|七海"),
        ("Haruto|陽斗", "Ren|蓮", "Sota|蒼太", "Takumi|拓海", "Kenji|健二", "Hiroshi|博",
         "Daiki|大輝", "Yuto|悠斗"),
        ("Sato|佐藤", "Suzuki|鈴木", "Takahashi|高橋", "Tanaka|田中", "Watanabe|渡辺", "Ito|伊藤",
         "Yamamoto|山本", "Nakamura|中村", "Kobayashi|小林", "Kato|加藤"),
        ("Tokyo, Japan", "Osaka, Japan", "San Francisco, CA"),
        family_first=True,
    ),
    Culture(
        "korean", 5,
        ("Ji-woo|지우", "Seo-yeon|서연", "Min-ji|민지", "Ha-eun|하은", "Soo-ah|수아", "Ye-jin|예진",
         "Yuna|유나"),
        ("Min-jun|민준", "Seo-jun|서준", "Ji-ho|지호", "Do-yun|도윤", "Hyun-woo|현우",
         "Jae-won|재원", "Sung-min|성민"),
        ("Kim|김", "Lee|이", "Park|박", "Choi|최", "Jung|정", "Kang|강", "Cho|조", "Yoon|윤",
         "Jang|장", "Lim|임"),
        ("Seoul, South Korea", "Busan, South Korea", "Los Angeles, CA", "New York, NY"),
        family_first=True,
    ),
    Culture(
        "vietnamese", 4,
        ("Linh", "Trang", "Thảo", "Mai", "Ngọc", "Hương", "Lan", "Phương"),
        ("Minh", "Huy", "Tuấn", "Dũng", "Quang", "Khoa", "Bảo", "Long"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"),
        ("Ho Chi Minh City, Vietnam", "Hanoi, Vietnam", "San Jose, CA", "Houston, TX"),
    ),
    Culture(
        "german", 5,
        ("Anna", "Lena", "Katharina", "Julia", "Lea", "Sophie", "Johanna", "Miriam", "Franziska",
         "Greta"),
        ("Lukas", "Jonas", "Felix", "Maximilian", "Tobias", "Florian", "Sebastian", "Jan",
         "Moritz", "Niklas"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann",
         "Schäfer", "Koch", "Richter", "Wolf"),
        ("Berlin, Germany", "Munich, Germany", "Hamburg, Germany", "Zurich, Switzerland"),
    ),
    Culture(
        "french", 5,
        ("Camille", "Chloé", "Léa", "Manon", "Inès", "Élodie", "Margaux", "Juliette", "Clémence",
         "Amélie"),
        ("Lucas", "Hugo", "Théo", "Antoine", "Julien", "Mathieu", "Nicolas", "Étienne",
         "Baptiste", "Louis"),
        ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy", "Moreau",
         "Lefèvre", "Girard", "Fontaine"),
        ("Paris, France", "Lyon, France", "Montreal, Canada", "Brussels, Belgium"),
    ),
    Culture(
        "polish", 3,
        ("Agnieszka", "Katarzyna", "Małgorzata", "Zofia", "Magdalena", "Joanna", "Aleksandra",
         "Ewa"),
        ("Łukasz", "Piotr", "Krzysztof", "Tomasz", "Michał", "Paweł", "Jakub", "Wojciech"),
        ("Nowak", "Kowalski/Kowalska", "Wiśniewski/Wiśniewska", "Lewandowski/Lewandowska",
         "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Zając", "Dąbrowski/Dąbrowska"),
        ("Warsaw, Poland", "Kraków, Poland", "Wrocław, Poland", "Chicago, IL"),
    ),
    Culture(
        "brazilian", 5,
        ("Beatriz", "Larissa", "Fernanda", "Juliana", "Gabriela", "Mariana", "Letícia", "Camila",
         "Bruna", "Ana Clara"),
        ("João", "Pedro", "Lucas", "Gabriel", "Rafael", "Thiago", "Felipe", "Gustavo",
         "Leonardo", "Bruno"),
        ("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida",
         "Nascimento", "Lima", "Araújo", "Carvalho"),
        ("São Paulo, Brazil", "Rio de Janeiro, Brazil", "Lisbon, Portugal", "Miami, FL"),
    ),
    Culture(
        "turkish", 3,
        ("Zeynep", "Elif", "Ayşe", "Selin", "Defne", "Özlem", "Merve", "Büşra"),
        ("Mehmet", "Emre", "Burak", "Can", "Mert", "Kerem", "Oğuz", "Murat"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan",
         "Doğan"),
        ("Istanbul, Türkiye", "Ankara, Türkiye", "Berlin, Germany", "Amsterdam, Netherlands"),
    ),
    Culture(
        "ukrainian", 2,
        ("Olena", "Oksana", "Iryna", "Kateryna", "Nataliia", "Yuliia"),
        ("Andriy", "Dmytro", "Oleksandr", "Taras", "Bohdan", "Mykola"),
        ("Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchenko", "Boyko"),
        ("Kyiv, Ukraine", "Lviv, Ukraine", "Warsaw, Poland", "Berlin, Germany"),
    ),
    Culture(
        "filipino", 3,
        ("Andrea", "Kristine", "Patricia", "Angelica", "Maricel", "Bea"),
        ("Paolo", "Miguel", "Carlo", "Rafael", "Jericho", "Marco"),
        ("Santos", "Reyes", "Cruz", "Bautista", "Dela Cruz", "Villanueva", "Mendoza", "Aquino"),
        ("Manila, Philippines", "Cebu, Philippines", "Daly City, CA", "Singapore"),
    ),
    Culture(
        "persian", 2,
        ("Shirin", "Parisa", "Neda", "Roya", "Sara", "Mahsa"),
        ("Arash", "Dariush", "Reza", "Kian", "Babak", "Navid"),
        ("Ahmadi", "Hosseini", "Karimi", "Rahimi", "Moradi", "Tehrani", "Jafari"),
        ("Los Angeles, CA", "Toronto, Canada", "Tehran, Iran"),
    ),
    Culture(
        "kenyan", 2,
        ("Wanjiru", "Akinyi", "Njeri", "Achieng", "Wambui", "Nyokabi"),
        ("Kamau", "Otieno", "Mwangi", "Odhiambo", "Kiprop", "Njoroge"),
        ("Mwangi", "Otieno", "Kariuki", "Wanjala", "Ochieng", "Njoroge", "Kimani", "Mutua"),
        ("Nairobi, Kenya", "Mombasa, Kenya", "London, UK"),
    ),
    Culture(
        "hebrew", 2,
        ("Noa", "Tamar", "Yael", "Maya", "Shira", "Adi"),
        ("Noam", "Itai", "Eitan", "Omer", "Yonatan", "Ariel"),
        ("Cohen", "Levi", "Mizrahi", "Friedman", "Peretz", "Ben-David", "Shapiro"),
        ("Tel Aviv, Israel", "New York, NY", "Berlin, Germany"),
    ),
    Culture(
        "nordic", 2,
        ("Astrid", "Ingrid", "Freja", "Sigrid", "Maja", "Elin"),
        ("Erik", "Lars", "Anders", "Magnus", "Oskar", "Henrik"),
        ("Johansson", "Andersson", "Lindberg", "Nilsson", "Hansen", "Larsen", "Berg", "Dahl"),
        ("Stockholm, Sweden", "Copenhagen, Denmark", "Oslo, Norway"),
    ),
)  # fmt: skip

#: Where most of the user's network lives (the user is in the Bay Area).
CITIES: tuple[tuple[str, int], ...] = (
    ("San Francisco, CA", 14), ("Oakland, CA", 8), ("Berkeley, CA", 3), ("San Jose, CA", 3),
    ("New York, NY", 9), ("Seattle, WA", 5), ("Austin, TX", 4), ("Boston, MA", 4),
    ("Chicago, IL", 3), ("Los Angeles, CA", 4), ("Denver, CO", 2), ("Washington, DC", 2),
    ("Toronto, Canada", 3), ("London, UK", 4), ("Berlin, Germany", 3), ("Paris, France", 2),
    ("Amsterdam, Netherlands", 2), ("Singapore", 2), ("Bengaluru, India", 2),
    ("São Paulo, Brazil", 1), ("Mexico City, Mexico", 1), ("Lagos, Nigeria", 1),
    ("Tokyo, Japan", 1), ("Remote", 3),
)  # fmt: skip
